namespace Commissioning.Brokerage.Placements;

/// <summary>
/// The SSDA903 codes a placement ending carries, so boroughs can reconcile their return (domain.md): REC, the reason an
/// episode ceased, and REASON_PLACE_CHANGE, the reason for a change of placement (required with <c>X1</c>: the child
/// moved to another placement the same day). Copied from the standard's code lists; a test compares them with the
/// standard's JSON file so a change to the standard is noticed.
/// </summary>
internal static class Ssda903
{
    /// <summary>The REC code for "episode ceases, and new episode begins on same day": a move.</summary>
    public const string Moved = "X1";

    /// <summary>REC: reason episode ceased.</summary>
    public static IReadOnlyDictionary<string, string> ReasonEpisodeCeased { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["X1"] = "Episode ceases, and new episode begins on same day, for any reason",
        ["E11"] = "Adopted - application for an adoption order unopposed",
        ["E12"] = "Adopted - consent dispensed with by the court",
        ["E2"] = "Died",
        ["E3"] = "Care taken over by another local authority in the UK",
        ["E4A"] = "Returned home to live with parent(s), relative(s), or other person(s) with parental responsibility as part of the care planning process (not under a special guardianship order or residence order or (from 22 April 2014) a child arrangement order)",
        ["E4B"] = "Returned home to live with parent(s), relative(s), or other person(s) with parental responsibility which was not part of the current care planning process (not under a special guardianship order or residence order or (from 22 April 2014) a child arrangement order)",
        ["E13"] = "Left care to live with parent(s), relative(s), or other person(s) with no parental responsibility",
        ["E41"] = "Residence order (or, from 22 April 2014, a child arrangement order which sets out with whom the child is to live) granted",
        ["E45"] = "Special guardianship order made to former foster carer(s), who was/are a relative(s) or friend(s)",
        ["E46"] = "Special guardianship order made to former foster carer(s), other than relative(s) or friend(s)",
        ["E47"] = "Special guardianship order made to carer(s), other than former foster carer(s), who was/are a relative(s) or friend(s)",
        ["E48"] = "Special guardianship order made to carer(s), other than former foster carer(s), other than relative(s) or friend(s)",
        ["E5"] = "Moved into independent living arrangement and no longer looked-after: supportive accommodation providing formalised advice/support arrangements (such as most hostels, young men's Christian association, foyers, staying close and care leavers projects). Includes both children leaving care before and at age 18",
        ["E6"] = "Moved into independent living arrangement and no longer looked-after: accommodation providing no formalised advice/support arrangements (such as bedsit, own flat, living with friend(s)). Includes both children leaving care before and at age 18",
        ["E7"] = "Transferred to residential care funded by adult social care services",
        ["E9"] = "Sentenced to custody",
        ["E14"] = "Accommodation on remand ended",
        ["E15"] = "Age assessment determined child is aged 18 or over and E5, E6 and E7 do not apply, such as an unaccompanied asylum-seeking child (UASC) whose age has been disputed",
        ["E16"] = "Child moved abroad",
        ["E17"] = "Aged 18 (or over) and remained with current carers (inc under staying put arrangements)",
        ["E8"] = "Period of being looked-after ceased for any other reason (where none of the other reasons apply)",
    };

    /// <summary>REASON_PLACE_CHANGE: reason for a change of placement.</summary>
    public static IReadOnlyDictionary<string, string> ReasonPlaceChange { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["CARPL"] = "Change to/Implementation of Care Plan",
        ["CLOSE"] = "Resignation/closure of provision",
        ["ALLEG"] = "Allegation (s47)",
        ["STAND"] = "Standards of care concern",
        ["APPRR"] = "Approval removed",
        ["CREQB"] = "Carer(s) requests placement end due to child's behaviour",
        ["CREQO"] = "Carer(s) requests placement end other than due to child's behaviour",
        ["CHILD"] = "Child requests placement end",
        ["LAREQ"] = "Responsible/area authority requests placement end",
        ["PLACE"] = "Change in the status of placement only",
        ["CUSTOD"] = "Custody arrangement (child admitted into custody)",
        ["OTHER"] = "Other (exceptional circumstances only)",
    };
}
