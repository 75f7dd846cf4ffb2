namespace Sunshine.Domain.Disclosure;

/// <summary>How a disclosure request reached the organ (《政府信息公开条例》第二十九、三十一条).</summary>
public enum RequestChannel
{
    /// <summary>当面提交.</summary>
    InPerson = 1,

    /// <summary>邮寄, signed for (挂号信、快递).</summary>
    RegisteredPost = 2,

    /// <summary>平常信函: no signature on delivery.</summary>
    OrdinaryPost = 3,

    /// <summary>互联网渠道 (the portal's form).</summary>
    Online = 4,

    /// <summary>电子邮件.</summary>
    Email = 5,

    /// <summary>传真.</summary>
    Fax = 6,
}

/// <summary>The receipt date and the rule that gave it; <see cref="ReceivedOn"/> is null while a needed confirmation is missing.</summary>
public sealed record ReceiptRuling(DateOnly? ReceivedOn, string Rule);

/// <summary>
/// 收到申请之日 (Art. 31), from which every limit of the request counts:
/// <list type="bullet">
/// <item>in person — the day it was handed in (Art. 31(一));</item>
/// <item>post that is signed for — the day the organ signed for it (Art. 31(二));</item>
/// <item>an ordinary letter — the day the organ confirmed receipt with the applicant, which it must do the day it arrives (Art. 31(二));</item>
/// <item>online and fax — the day both sides confirmed (Art. 31(三));</item>
/// <item>e-mail — like online by default; an organ may instead take the day its mail system received it (国办公开办函〔2015〕207号).</item>
/// </list>
/// </summary>
public static class ReceiptDate
{
    public static ReceiptRuling Decide(RequestChannel channel, DateOnly arrivedOn, DateOnly? confirmedOn, bool emailByMailSystem) => channel switch
    {
        RequestChannel.InPerson => new(arrivedOn, "《政府信息公开条例》第三十一条第（一）项：当面提交，以提交之日为收到申请之日"),
        RequestChannel.RegisteredPost => new(arrivedOn, "《政府信息公开条例》第三十一条第（二）项：邮寄提交，以行政机关签收之日为收到申请之日"),
        RequestChannel.OrdinaryPost => new(confirmedOn, "《政府信息公开条例》第三十一条第（二）项：平常信函，以与申请人确认之日为收到申请之日"),
        RequestChannel.Email when emailByMailSystem => new(arrivedOn, "国办公开办函〔2015〕207号：电子邮件，以本机关邮件系统收到之日为收到申请之日（本机关设置）"),
        RequestChannel.Email => new(confirmedOn, "《政府信息公开条例》第三十一条第（三）项：电子邮件，以双方确认之日为收到申请之日"),
        RequestChannel.Online or RequestChannel.Fax => new(confirmedOn, "《政府信息公开条例》第三十一条第（三）项：互联网或传真提交，以双方确认之日为收到申请之日"),
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown channel."),
    };

    /// <summary>Whether the receipt date of this channel waits for a confirmation with the applicant.</summary>
    public static bool NeedsConfirmation(RequestChannel channel, bool emailByMailSystem) =>
        Decide(channel, DateOnly.MinValue, null, emailByMailSystem).ReceivedOn is null;
}
