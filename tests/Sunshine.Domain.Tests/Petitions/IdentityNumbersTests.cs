using Sunshine.Domain.Petitions;

namespace Sunshine.Domain.Tests.Petitions;

public sealed class IdentityNumbersTests
{
    // Check characters computed by hand with the GB 11643-1999 weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2:
    // 11010519491231002: 1·7+1·9+0+1·5+0+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0+0+2·2 = 167; 167 mod 11 = 2 → 'X'.
    [Theory]
    [InlineData("11010519491231002X", true)]
    [InlineData("11010519491231002x", true)]
    [InlineData("110105194912310021", false)]   // wrong check character
    [InlineData("11010519491331002X", false)]   // month 13
    [InlineData("1101051949123100", false)]     // too short
    [InlineData("11010519491231002Y", false)]
    [InlineData("A1010519491231002X", false)]
    [InlineData(null, false)]
    public void Identity_numbers_are_checked(string? id, bool valid) => Assert.Equal(valid, IdentityNumbers.IsValid(id));

    [Theory]
    [InlineData("13912345678", true)]
    [InlineData("0351-7654321", true)]
    [InlineData("03517654321", true)]
    [InlineData("1391234567", false)]
    [InlineData("23912345678", false)]
    [InlineData("139-1234-567x", false)]
    [InlineData("", false)]
    public void Phones_are_checked(string phone, bool valid) => Assert.Equal(valid, IdentityNumbers.IsPhone(phone));
}
