namespace Sunshine.Domain.Directory;

/// <summary>
/// The level of an administrative division (行政区划级别). The value is also the depth in the hierarchy;
/// a level can be skipped (a municipality's districts sit directly under the province).
/// </summary>
public enum DivisionLevel
{
    Province = 1, // 省级: 省、自治区、直辖市 — 2 significant digits
    City = 2,     // 地级: 地级市、地区、自治州、盟 — 4
    County = 3,   // 县级: 市辖区、县、县级市、旗 — 6
    Township = 4, // 乡级: 乡、镇、街道 — 9
    Village = 5,  // 村级: 村委会、居委会（社区）— 12
}
