using System.Collections.Immutable;
using Commissioning.BuildingBlocks.Calendar;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Messaging;

namespace Commissioning.Partnership.Governance.Participation;

/// <summary>
/// A participation activity's state rebuilt from its stream (its feedback and responses are part of it), with the
/// decisions it makes (pure: no I/O). The same reasoning as a board meeting: numbering within the activity.
/// </summary>
internal sealed record ParticipationActivity(bool Exists, DateOnly TookPlaceOn, ImmutableDictionary<int, bool> FeedbackResponded)
    : IAggregateState<ParticipationActivity>
{
    public const string StreamType = "participation-activity";

    public static ParticipationActivity Initial => new(false, default, ImmutableDictionary<int, bool>.Empty);

    public static string StreamId(Guid activityId) => $"participation-activity-{activityId:N}";

    public ParticipationActivity Apply(object @event) => @event switch
    {
        ParticipationActivityRecorded recorded => this with { Exists = true, TookPlaceOn = recorded.TookPlaceOn },
        ParticipationFeedbackAdded added => this with { FeedbackResponded = FeedbackResponded.SetItem(added.Number, false) },
        ParticipationFeedbackResponded responded => this with { FeedbackResponded = FeedbackResponded.SetItem(responded.Number, true) },
        _ => this,
    };

    public ParticipationFeedbackAdded AddFeedback(Guid activityId, string youSaid, DateTimeOffset now)
    {
        EnsureExists();
        return new ParticipationFeedbackAdded(activityId, FeedbackResponded.Count + 1, youSaid, now);
    }

    public ParticipationFeedbackResponded Respond(Guid activityId, int number, string weDid, DateOnly respondedOn)
    {
        EnsureExists();
        if (!FeedbackResponded.TryGetValue(number, out var responded))
        {
            throw new NotFoundException($"This activity has no feedback item {number}.");
        }

        if (responded)
        {
            throw new ConflictException($"Feedback item {number} already has a \"we did\" response.");
        }

        if (respondedOn < TookPlaceOn)
        {
            throw RequestValidationException.For(
                "respondedOn",
                $"The date of the response must be on or after the date of the activity, {PartnershipCalendar.Display(TookPlaceOn)}");
        }

        return new ParticipationFeedbackResponded(activityId, number, weDid, respondedOn);
    }

    private void EnsureExists()
    {
        if (!Exists)
        {
            throw new NotFoundException("There is no participation activity with that id.");
        }
    }
}
