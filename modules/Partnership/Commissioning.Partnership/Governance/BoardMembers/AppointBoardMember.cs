using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Partnership.Governance.BoardMembers;

/// <summary>Appoints someone to the partnership board; answers the new member's id.</summary>
/// <param name="OrganisationCode">Optional: a borough's GSS code (E09000016) or another organisation's code.</param>
/// <param name="PersonId">Optional: the id of the member's sign-in account.</param>
[AllowedRoles(Roles.PartnershipAdmin)]
internal sealed record AppointBoardMember(
    string Name,
    string RoleOnBoard,
    string? OrganisationCode,
    bool IsYoungPeoplesRepresentative,
    DateOnly? AppointedOn,
    string? PersonId) : ICommand<Guid>;

internal sealed class AppointBoardMemberValidator : AbstractValidator<AppointBoardMember>
{
    public AppointBoardMemberValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the member's name")
            .MaximumLength(200).WithMessage("The member's name must be 200 characters or fewer");
        RuleFor(c => c.RoleOnBoard).NotEmpty().WithMessage("Enter the member's role on the board, for example Chair")
            .MaximumLength(100).WithMessage("The role on the board must be 100 characters or fewer");
        RuleFor(c => c.OrganisationCode)
            .Matches(OrganisationCodes.Pattern)
            .When(c => !string.IsNullOrWhiteSpace(c.OrganisationCode))
            .WithMessage("Enter the organisation code as a borough's GSS code, like E09000016, or another organisation's code of up to 20 letters, digits and hyphens");
        RuleFor(c => c.AppointedOn).NotNull().WithMessage("Enter the date the member was appointed");
        RuleFor(c => c.PersonId).MaximumLength(100).WithMessage("The sign-in account id must be 100 characters or fewer");
    }
}

internal sealed class AppointBoardMemberHandler(
    [FromKeyedServices(PartnershipModule.SchemaName)] EventStore store, UnitOfWork unitOfWork, TimeProvider clock)
    : IRequestHandler<AppointBoardMember, Guid>
{
    public Task<Guid> Handle(AppointBoardMember request, CancellationToken cancellationToken)
    {
        var memberId = Guid.CreateVersion7(clock.GetUtcNow());
        var appointed = new BoardMemberAppointed(
            memberId,
            request.Name.Trim(),
            request.RoleOnBoard.Trim(),
            OrganisationCodes.Normalise(request.OrganisationCode),
            request.IsYoungPeoplesRepresentative,
            request.AppointedOn!.Value,
            string.IsNullOrWhiteSpace(request.PersonId) ? null : request.PersonId.Trim());
        unitOfWork.For(store).Append(BoardMember.StreamId(memberId), BoardMember.StreamType, ExpectedVersion.NoStream, [appointed]);
        return Task.FromResult(memberId);
    }
}

/// <summary>Organisation codes as people type them and as they are stored.</summary>
internal static class OrganisationCodes
{
    /// <summary>A GSS code (E09000016) is one case of the general shape: letters, digits and hyphens, up to 20.</summary>
    public const string Pattern = "^\\s*[A-Za-z0-9][A-Za-z0-9-]{0,19}\\s*$";

    public static string? Normalise(string? code) => string.IsNullOrWhiteSpace(code) ? null : code.Trim().ToUpperInvariant();
}
