namespace Commissioning.Contracts;

/// <summary>The level of need that sets a placement's fee (domain.md). Stored in events by name: never rename a member.</summary>
internal enum NeedBand
{
    Low,
    Medium,
    High,
    Specialist,
}
