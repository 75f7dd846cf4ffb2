using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Petitions.Intake;

/// <summary>
/// The write queue of intake (ARCHITECTURE.md, "commit concurrent submissions in groups"): registrations that arrive
/// while a commit is running wait here and are registered together in the next transaction by
/// <see cref="PetitionBatch.RegisterAsync"/>, so a burst of submissions pays one commit (one fsync) instead of one each.
/// Every caller is answered only after the commit that holds its petition, with its own case number.
/// </summary>
/// <remarks>
/// <para>One writer per app node drains the queue: the first submission that finds it idle starts it, and it stops when
/// the queue is empty. Several nodes each run their own writer; the database keeps them apart (SQLite's single write
/// lock, PostgreSQL's identity sequence for the ids).</para>
/// <para>If the database refuses a group, nothing of it stays and each of its submissions is registered again alone
/// (<see cref="PetitionBatch.RegisterEachAsync"/>): one bad submission fails only itself.</para>
/// </remarks>
public sealed class IntakeQueue(IServiceScopeFactory scopes, ILogger<IntakeQueue> log)
{
    /// <summary>At most this many submissions per transaction.</summary>
    public const int MaxGroup = 1_000;

    private sealed record Waiting(PendingRegistration Registration, TaskCompletionSource<RegisterPetition.Outcome> Answer);

    private readonly Lock _gate = new();
    private readonly Queue<Waiting> _queue = new();
    private bool _draining;

    /// <summary>Queues one registration and completes after the transaction that holds it has committed.</summary>
    public Task<RegisterPetition.Outcome> RegisterAsync(PendingRegistration registration, CancellationToken ct)
    {
        var waiting = new Waiting(registration, new TaskCompletionSource<RegisterPetition.Outcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        bool start;
        lock (_gate)
        {
            _queue.Enqueue(waiting);
            start = !_draining;
            _draining = true;
        }
        // The group is committed whatever happens to the caller's request: a caller that gave up may resend with the same
        // external id and is then answered with the case registered here.
        if (start) _ = Task.Run(DrainAsync, CancellationToken.None);
        return waiting.Answer.Task.WaitAsync(ct);
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            List<Waiting> group;
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _draining = false;
                    return;
                }
                group = new List<Waiting>(Math.Min(_queue.Count, MaxGroup));
                while (group.Count < MaxGroup && _queue.TryDequeue(out var next)) group.Add(next);
            }
            await CommitAsync(group);
        }
    }

    private async Task CommitAsync(List<Waiting> group)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<SunshineDbContext>();
            var personalData = sp.GetRequiredService<PersonalData>();
            var time = sp.GetRequiredService<TimeProvider>();
            var L = sp.GetRequiredService<IStringLocalizer<SharedResource>>();
            var items = group.Select(w => w.Registration).ToList();
            RegisterPetition.Outcome?[] outcomes;
            try
            {
                outcomes = await PetitionBatch.RegisterAsync(items, db, personalData, time, L, null, CancellationToken.None);
            }
            catch (Exception ex) when (ex is DbException or DbUpdateException)
            {
                log.LogWarning(ex, "A group of {Count} registrations was refused; registering them one by one", group.Count);
                db.ChangeTracker.Clear();
                outcomes = await PetitionBatch.RegisterEachAsync(items, db, personalData, sp.GetRequiredService<Audit>(), time, L,
                    (i, failure) => group[i].Answer.TrySetException(failure), CancellationToken.None);
            }
            for (var i = 0; i < group.Count; i++)
            {
                if (outcomes[i] is { } outcome) group[i].Answer.TrySetResult(outcome);
            }
        }
        catch (Exception ex)
        {
            log.LogError(ex, "A group of {Count} registrations failed", group.Count);
            foreach (var waiting in group) waiting.Answer.TrySetException(ex);
        }
    }
}
