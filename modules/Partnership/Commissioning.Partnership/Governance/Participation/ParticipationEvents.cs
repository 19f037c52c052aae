using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.Partnership.Governance.Participation;

/// <summary>How young people took part. Stored in events by name: never rename a member.</summary>
internal enum ParticipationKind
{
    BoardMeeting,
    HomeVisit,
    ProviderAssessment,
    Survey,
    Consultation,
    Other,
}

/// <summary>Young people took part in something. No child-identifiable data: a count and a summary only.</summary>
[EventType("partnership.participation-activity-recorded.v1")]
internal sealed record ParticipationActivityRecorded(
    Guid ActivityId, DateOnly TookPlaceOn, ParticipationKind Kind, int YoungPeopleCount, string Summary, DateTimeOffset RecordedAt);

/// <summary>"You said": something young people told us at an activity; numbered from 1 within the activity.</summary>
[EventType("partnership.participation-feedback-added.v1")]
internal sealed record ParticipationFeedbackAdded(Guid ActivityId, int Number, string YouSaid, DateTimeOffset AddedAt);

/// <summary>"We did": what the partnership did about one piece of feedback.</summary>
[EventType("partnership.participation-feedback-responded.v1")]
internal sealed record ParticipationFeedbackResponded(Guid ActivityId, int Number, string WeDid, DateOnly RespondedOn);

/// <summary>The codes the read models store kinds as, and how pages name them.</summary>
internal static class ParticipationKinds
{
    public static string Code(ParticipationKind kind) => kind switch
    {
        ParticipationKind.BoardMeeting => "board-meeting",
        ParticipationKind.HomeVisit => "home-visit",
        ParticipationKind.ProviderAssessment => "provider-assessment",
        ParticipationKind.Survey => "survey",
        ParticipationKind.Consultation => "consultation",
        ParticipationKind.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown participation kind."),
    };

    public static ParticipationKind Parse(string code) => code switch
    {
        "board-meeting" => ParticipationKind.BoardMeeting,
        "home-visit" => ParticipationKind.HomeVisit,
        "provider-assessment" => ParticipationKind.ProviderAssessment,
        "survey" => ParticipationKind.Survey,
        "consultation" => ParticipationKind.Consultation,
        "other" => ParticipationKind.Other,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown participation kind code."),
    };

    /// <summary>A kind from a form or an API body; null when it is not one (the validator then asks for one).</summary>
    public static ParticipationKind? TryParse(string? code) =>
        Enum.GetValues<ParticipationKind>().Cast<ParticipationKind?>().FirstOrDefault(k => Code(k!.Value) == code?.Trim());

    public static string Describe(ParticipationKind kind) => kind switch
    {
        ParticipationKind.BoardMeeting => "Board meeting",
        ParticipationKind.HomeVisit => "Home visit",
        ParticipationKind.ProviderAssessment => "Provider assessment",
        ParticipationKind.Survey => "Survey",
        ParticipationKind.Consultation => "Consultation",
        ParticipationKind.Other => "Other",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown participation kind."),
    };
}
