using System.Security.Cryptography;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Tests.Foundation;

public sealed class PersonalDataTests : IDisposable
{
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), "sunshine-keys-" + Guid.NewGuid().ToString("N") + ".json");

    public void Dispose() => File.Delete(_keyFile);

    [Fact]
    public void Protected_values_are_not_plain_text_and_open_again()
    {
        var data = PersonalData.Load(_keyFile);
        var cipher = data.Protect("140105199001011234")!;
        Assert.DoesNotContain("1990", cipher, StringComparison.Ordinal);
        Assert.NotEqual(cipher, data.Protect("140105199001011234"));
        Assert.Equal("140105199001011234", data.Unprotect(cipher));
        Assert.Null(data.Protect(null));
        Assert.Null(data.Protect(""));
    }

    [Fact]
    public void After_rotation_new_values_use_the_new_key_and_old_ones_still_open()
    {
        var old = PersonalData.Load(_keyFile);
        var before = old.Protect("13912345678")!;
        var keyId = PersonalData.Rotate(_keyFile);
        var rotated = PersonalData.Load(_keyFile);
        Assert.Equal("k2", keyId);
        Assert.StartsWith("k2:", rotated.Protect("13912345678"), StringComparison.Ordinal);
        Assert.Equal("13912345678", rotated.Unprotect(before));
        // The matching hash key is not rotated: a person stays the same person across rotations.
        Assert.Equal(old.KeyedHash("13912345678"), rotated.KeyedHash("13912345678"));
    }

    [Fact]
    public void A_value_from_another_installation_does_not_open()
    {
        var mine = PersonalData.Load(_keyFile);
        var theirs = PersonalData.ForTests();
        var cipher = theirs.Protect("山西省太原市小店区坞城路1号")!;
        Assert.ThrowsAny<CryptographicException>(() => mine.Unprotect(cipher));
    }

    [Fact]
    public void Keyed_hash_ignores_spacing_and_case_but_not_the_key()
    {
        var data = PersonalData.Load(_keyFile);
        Assert.Equal(data.KeyedHash("14010519900101123x"), data.KeyedHash(" 140105 19900101123X "));
        Assert.NotEqual(data.KeyedHash("140105199001011234"), data.KeyedHash("140105199001011235"));
        Assert.NotEqual(data.KeyedHash("140105199001011234"), PersonalData.ForTests().KeyedHash("140105199001011234"));
    }

    [Theory]
    [InlineData("140105199001011234", "1401**********1234")]
    [InlineData("1234567", "*******")]
    public void Id_numbers_are_masked(string id, string masked) => Assert.Equal(masked, PersonalData.MaskIdNumber(id));

    [Theory]
    [InlineData("13912345678", "139****5678")]
    [InlineData("0351-1234567", "035*****4567")]
    public void Phones_are_masked(string phone, string masked) => Assert.Equal(masked, PersonalData.MaskPhone(phone));

    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("欧阳明月", "欧***")]
    [InlineData("王", "王*")]
    public void Names_keep_only_the_surname(string name, string masked) => Assert.Equal(masked, PersonalData.MaskName(name));

    [Fact]
    public void Addresses_keep_only_the_region() =>
        Assert.Equal("山西省太原市****", PersonalData.MaskAddress("山西省太原市小店区坞城路1号"));
}
