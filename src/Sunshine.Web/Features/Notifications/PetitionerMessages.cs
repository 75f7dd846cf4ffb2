using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Notifications;

/// <summary>Messages to petitioners that are written where the event happens, in its transaction.</summary>
public static class PetitionerMessages
{
    public const string RegisteredKind = "petition-registered";

    /// <summary>
    /// On registration, a text with the case number and the query code to the phone the petitioner gave. The code exists
    /// in clear only now (the case keeps its hash), so the message is written with the case, in the same transaction,
    /// and its text is kept encrypted like the phone.
    /// </summary>
    public static void QueueRegistered(SunshineDbContext db, PersonalData personalData, IStringLocalizer<SharedResource> L, Petition petition, string queryCode, DateTime now)
    {
        if (Registered(personalData, L, petition, queryCode, now) is { } message) db.Notifications.Add(message);
    }

    /// <summary>The message of <see cref="QueueRegistered"/>, or null without a phone: a batch writes many at once.</summary>
    public static Notification? Registered(PersonalData personalData, IStringLocalizer<SharedResource> L, Petition petition, string queryCode, DateTime now) =>
        petition.PhoneProtected is null ? null
            : Outbox.New($"{RegisteredKind}:{petition.Id}:{NotificationChannel.Sms}", RegisteredKind, NotificationChannel.Sms, null,
                petition.PhoneProtected, petition.Id, L.Zh("Nt.RegisteredSubject", petition.CaseNumber),
                personalData.Protect(L.Zh("Nt.RegisteredText", petition.CaseNumber, queryCode))!, now, textProtected: true);
}
