using System.Text.RegularExpressions;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Geography;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.Contracts.Core;
using Commissioning.Contracts.Providers;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Contracts.Homes;

/// <summary>A home's details as typed (a form or an API body): codes and numbers not yet checked.</summary>
internal sealed record HomeInput(
    string? OfstedUrn,
    string? Name,
    string? Postcode,
    int? RegisteredPlaces,
    int? MinimumAge,
    int? MaximumAge,
    IReadOnlyList<string>? Sexes,
    IReadOnlyList<string>? Bands,
    IReadOnlyList<string>? Specialisms,
    IReadOnlyList<string>? StatementOfPurposeLimits,
    int? HomeMixLimit)
{
    /// <summary>The checked details (call only after <see cref="HomeInputRules"/> passed).</summary>
    public HomeDetails ToDetails()
    {
        var (postcode, district) = PostcodeDistricts.Parse(Postcode)!.Value;
        var (latitude, longitude) = PostcodeDistricts.Locate(district)!.Value;
        return new HomeDetails(
            OfstedUrn!.Trim().ToUpperInvariant(),
            Name!.Trim(),
            postcode,
            district,
            latitude,
            longitude,
            RegisteredPlaces!.Value,
            MinimumAge!.Value,
            MaximumAge!.Value,
            [.. Sexes!.Select(s => s.Trim().ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal)],
            [.. Bands!.Select(b => NeedBands.Parse(b)).Distinct().Order()],
            [.. (Specialisms ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct()],
            [.. (StatementOfPurposeLimits ?? []).Select(l => l.Trim().ToLowerInvariant()).Distinct()],
            HomeMixLimit!.Value);
    }
}

/// <summary>The rules every home's details keep, wherever they are typed.</summary>
internal static partial class HomeInputRules
{
    public static void Apply<T>(AbstractValidator<T> validator, Func<T, HomeInput> details)
    {
        validator.RuleFor(c => details(c).OfstedUrn).NotEmpty().WithMessage("Enter the home's Ofsted unique reference number (URN), for example SC123456")
            .Must(u => UrnPattern().IsMatch(u!.Trim().ToUpperInvariant())).WithMessage("The Ofsted URN must be 1 or 2 letters then 6 digits, for example SC123456, or 6 or 7 digits")
            .OverridePropertyName("ofstedUrn");
        validator.RuleFor(c => details(c).Name).NotEmpty().WithMessage("Enter the home's name")
            .MaximumLength(200).WithMessage("The home's name must be 200 characters or fewer").OverridePropertyName("name");
        validator.RuleFor(c => details(c).Postcode).NotEmpty().WithMessage("Enter the home's postcode, for example RM7 0AG")
            .Must(p => PostcodeDistricts.Parse(p) is not null).WithMessage("Enter the home's postcode in the right format, for example RM7 0AG")
            .Must(p => PostcodeDistricts.Locate(PostcodeDistricts.Parse(p)!.Value.District) is not null)
            .WithMessage(c => $"We do not know where postcode district {PostcodeDistricts.Parse(details(c).Postcode)!.Value.District} is: enter the postcode of a home in or near north-east London (districts such as RM7, IG11, E17, N16, EN1 or CM14)")
            .OverridePropertyName("postcode");
        validator.RuleFor(c => details(c).RegisteredPlaces).NotNull().WithMessage("Enter the number of places the home is registered for")
            .InclusiveBetween(1, 30).WithMessage("The registered places must be a whole number from 1 to 30").OverridePropertyName("registeredPlaces");
        validator.RuleFor(c => details(c).MinimumAge).NotNull().WithMessage("Enter the youngest age the home cares for")
            .InclusiveBetween(0, 21).WithMessage("The youngest age must be from 0 to 21").OverridePropertyName("minimumAge");
        validator.RuleFor(c => details(c).MaximumAge).NotNull().WithMessage("Enter the oldest age the home cares for")
            .InclusiveBetween(0, 21).WithMessage("The oldest age must be from 0 to 21")
            .GreaterThanOrEqualTo(c => details(c).MinimumAge ?? 0).WithMessage("The oldest age must be the same as or more than the youngest age")
            .OverridePropertyName("maximumAge");
        validator.RuleFor(c => details(c).Sexes).NotEmpty().WithMessage("Select the sexes the home cares for: female, male or both")
            .Must(s => s!.All(x => Sexes.All.Contains(x.Trim().ToLowerInvariant()))).WithMessage("Give the sexes as female or male")
            .OverridePropertyName("sexes");
        validator.RuleFor(c => details(c).Bands).NotEmpty().WithMessage($"Select the need bands the home can meet: {NeedBands.Choices}")
            .Must(b => b!.All(x => NeedBands.TryParse(x) is not null)).WithMessage($"Give the need bands as {NeedBands.Choices}")
            .OverridePropertyName("bands");
        validator.RuleFor(c => details(c).Specialisms)
            .Must(s => s is null || (s.Count <= 20 && s.All(x => (x ?? "").Length <= 100))).WithMessage("List at most 20 specialisms, each 100 characters or fewer")
            .OverridePropertyName("specialisms");
        validator.RuleFor(c => details(c).StatementOfPurposeLimits)
            .Must(l => l is null || l.All(x => HomeLimits.All.ContainsKey((x ?? "").Trim().ToLowerInvariant())))
            .WithMessage(c => $"Give each Statement of Purpose limit as one of: {string.Join(", ", HomeLimits.All.Keys)}")
            .OverridePropertyName("statementOfPurposeLimits");
        validator.RuleFor(c => details(c).HomeMixLimit).NotNull().WithMessage("Enter the most children of high or specialist need the home takes at once")
            .GreaterThanOrEqualTo(0).WithMessage("The home-mix limit must be 0 or more")
            .LessThanOrEqualTo(c => details(c).RegisteredPlaces ?? int.MaxValue).WithMessage("The home-mix limit must not be more than the registered places")
            .OverridePropertyName("homeMixLimit");
    }

    [GeneratedRegex("^([A-Z]{1,2}[0-9]{6}|[0-9]{6,7})$")]
    private static partial Regex UrnPattern();

    [GeneratedRegex("^[A-Z][A-Z0-9-]{1,19}$")]
    public static partial Regex CodePattern();
}

/// <summary>Registers a provider's home under a code of its own (HOME-10); answers the code.</summary>
[AllowedRoles(Roles.ContractManager, Roles.PartnershipAdmin)]
internal sealed record RegisterHome(string Code, string ProviderCode, HomeInput Details) : ICommand<string>;

internal sealed class RegisterHomeValidator : AbstractValidator<RegisterHome>
{
    public RegisterHomeValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.Code).NotEmpty().WithMessage("Enter the home's code, for example HOME-10")
            .Must(c => HomeInputRules.CodePattern().IsMatch(c.Trim().ToUpperInvariant()))
            .WithMessage("The home's code must be 2 to 20 letters, digits or hyphens, starting with a letter, for example HOME-10");
        RuleFor(c => c.ProviderCode).NotEmpty().WithMessage("Enter the code of the provider that runs the home, for example PRV-A");
        HomeInputRules.Apply(this, c => c.Details);
    }
}

internal sealed class RegisterHomeHandler([FromKeyedServices(ContractsModule.SchemaName)] EventStore store, UnitOfWork unitOfWork)
    : IRequestHandler<RegisterHome, string>
{
    public async Task<string> Handle(RegisterHome request, CancellationToken cancellationToken)
    {
        var code = request.Code.Trim().ToUpperInvariant();
        var provider = request.ProviderCode.Trim().ToUpperInvariant();
        var errors = new Dictionary<string, string[]>();
        if (await store.CurrentVersionAsync(HomeStreams.For(code), cancellationToken) is > 0)
        {
            errors["code"] = [$"A home with the code {code} is already registered: choose another code"];
        }

        if (await store.CurrentVersionAsync(ProviderStreams.For(provider), cancellationToken) is null or 0)
        {
            errors["providerCode"] = [$"There is no provider with the code {provider}: register the provider first"];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        unitOfWork.For(store).Append(HomeStreams.For(code), HomeStreams.StreamType, ExpectedVersion.NoStream,
            [new HomeRegistered(code, provider, request.Details.ToDetails())]);
        return code;
    }
}

/// <summary>Replaces a home's details (a new Statement of Purpose, more places). Its code and provider stay.</summary>
[AllowedRoles(Roles.ContractManager, Roles.PartnershipAdmin)]
internal sealed record ChangeHomeDetails(string HomeCode, HomeInput Details, long? ExpectedVersion = null) : ICommand<Unit>;

internal sealed class ChangeHomeDetailsValidator : AbstractValidator<ChangeHomeDetails>
{
    public ChangeHomeDetailsValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        HomeInputRules.Apply(this, c => c.Details);
    }
}

internal sealed class ChangeHomeDetailsHandler([FromKeyedServices(ContractsModule.SchemaName)] EventStore store, UnitOfWork unitOfWork)
    : IRequestHandler<ChangeHomeDetails, Unit>
{
    public async Task<Unit> Handle(ChangeHomeDetails request, CancellationToken cancellationToken)
    {
        var streamId = HomeStreams.For(request.HomeCode.Trim().ToUpperInvariant());
        var (home, version) = await store.LoadAsync<Home>(streamId, cancellationToken);
        home.EnsureExists();
        StaleWrites.Refuse(streamId, request.ExpectedVersion, version);
        unitOfWork.For(store).Append(streamId, HomeStreams.StreamType, version, [new HomeDetailsChanged(home.HomeCode, home.ProviderCode, request.Details.ToDetails())]);
        return Unit.Value;
    }
}
