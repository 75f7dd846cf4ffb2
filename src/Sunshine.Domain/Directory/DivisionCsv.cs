using System.Text;

namespace Sunshine.Domain.Directory;

/// <summary>
/// Reads a division table in the seed format (<c>src/Sunshine.Data/Seed/divisions-NN.csv</c>):
/// <code>
/// code,name,level,parent_code
/// 140000000000,山西省,Province,
/// 140100000000,太原市,City,140000000000
/// </code>
/// </summary>
/// <remarks>
/// UTF-8 text, one division a line, RFC 4180 quoting allowed (no line breaks inside a field), blank lines
/// ignored. Each row must satisfy: a valid 12-digit code; a non-empty name; <c>level</c> is a
/// <see cref="DivisionLevel"/> name equal to the code's level; a province has no parent, every other row has a
/// parent that is a proper ancestor by code and is itself a row of the file; no code appears twice.
/// </remarks>
public static class DivisionCsv
{
    /// <summary>The required first line.</summary>
    public const string Header = "code,name,level,parent_code";

    /// <summary>Parses the whole table; rows keep the file's order.</summary>
    /// <exception cref="FormatException">A line is malformed; the message starts with "line N: ".</exception>
    public static IReadOnlyList<DivisionRow> Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);

        var header = reader.ReadLine();
        if (header is null)
        {
            throw new FormatException($"line 1: the file is empty; expected the header '{Header}'.");
        }

        header = header.TrimStart('\uFEFF').TrimEnd();
        if (!string.Equals(header, Header, StringComparison.Ordinal))
        {
            throw new FormatException($"line 1: expected the header '{Header}', found '{header}'.");
        }

        var rows = new List<DivisionRow>();
        var lineOfCode = new Dictionary<DivisionCode, int>();
        var lineOfRow = new List<int>();
        var lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var row = ParseLine(line, lineNumber);
            if (lineOfCode.TryGetValue(row.Code, out var first))
            {
                throw Error(lineNumber, $"duplicate code {row.Code} (already on line {first})");
            }

            lineOfCode.Add(row.Code, lineNumber);
            rows.Add(row);
            lineOfRow.Add(lineNumber);
        }

        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].ParentCode is { } parent && !lineOfCode.ContainsKey(parent))
            {
                throw Error(lineOfRow[i], $"parent {parent} of {rows[i].Code} {rows[i].Name} is not in the file");
            }
        }

        return rows;
    }

    private static DivisionRow ParseLine(string line, int lineNumber)
    {
        var fields = SplitFields(line, lineNumber);
        if (fields.Count != 4)
        {
            throw Error(lineNumber, $"expected 4 fields (code,name,level,parent_code), found {fields.Count}");
        }

        var codeText = fields[0].Trim();
        if (!DivisionCode.TryParse(codeText, out var code))
        {
            throw Error(lineNumber, CodeProblem(codeText, "code"));
        }

        var name = fields[1].Trim();
        if (name.Length == 0)
        {
            throw Error(lineNumber, $"the name of {code} is empty");
        }

        var levelText = fields[2].Trim();
        if (!TryParseLevel(levelText, out var level))
        {
            throw Error(lineNumber, $"level '{levelText}' is not one of {string.Join(", ", Enum.GetNames<DivisionLevel>())}");
        }

        if (level != code.Level)
        {
            throw Error(lineNumber, $"level {level} does not match code {code}, which is a {code.Level} code");
        }

        var parentText = fields[3].Trim();
        DivisionCode? parentCode = null;
        if (level == DivisionLevel.Province)
        {
            if (parentText.Length != 0)
            {
                throw Error(lineNumber, $"province {code} must not have a parent (found '{parentText}')");
            }
        }
        else
        {
            if (parentText.Length == 0)
            {
                throw Error(lineNumber, $"{level} {code} needs a parent_code");
            }

            if (!DivisionCode.TryParse(parentText, out var parent))
            {
                throw Error(lineNumber, CodeProblem(parentText, "parent_code"));
            }

            if (parent.Level >= level || !code.IsWithin(parent))
            {
                throw Error(lineNumber, $"parent {parent} is not an ancestor of {code}");
            }

            parentCode = parent;
        }

        return new DivisionRow(code, name, level, parentCode);
    }

    private static bool TryParseLevel(string text, out DivisionLevel level)
    {
        foreach (var candidate in Enum.GetValues<DivisionLevel>())
        {
            if (string.Equals(candidate.ToString(), text, StringComparison.Ordinal))
            {
                level = candidate;
                return true;
            }
        }

        level = default;
        return false;
    }

    private static string CodeProblem(string text, string field) =>
        $"{field} '{text}' is not a valid division code: {DivisionCode.Problem(text)}";

    private static List<string> SplitFields(string line, int lineNumber)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        throw Error(lineNumber, "unterminated quoted field");
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(line[i++]);
                }

                if (i < line.Length && line[i] != ',')
                {
                    throw Error(lineNumber, $"unexpected character '{line[i]}' after a quoted field");
                }
            }
            else
            {
                while (i < line.Length && line[i] != ',')
                {
                    if (line[i] == '"')
                    {
                        throw Error(lineNumber, "a quote inside an unquoted field");
                    }

                    field.Append(line[i++]);
                }
            }

            fields.Add(field.ToString());
            if (i >= line.Length)
            {
                return fields;
            }

            i++; // the comma
        }
    }

    private static FormatException Error(int lineNumber, string message) => new($"line {lineNumber}: {message}.");
}
