using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Tests.EventStore;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.BuildingBlocks.Tests.Messaging;

[AllowedRoles(Roles.Brokerage, Roles.ContractManager)]
public sealed record OpenCounter(string CounterId, string Name, int Start) : ICommand<long>;

public sealed class OpenCounterValidator : AbstractValidator<OpenCounter>
{
    public OpenCounterValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the counter's name.")
            .MaximumLength(40).WithMessage("The counter's name must be 40 characters or fewer.");
        RuleFor(c => c.Start).InclusiveBetween(0, 100).WithMessage("The start must be a whole number from 0 to 100.");
    }
}

internal sealed class OpenCounterHandler([FromKeyedServices("test")] BuildingBlocks.EventStore.EventStore store, UnitOfWork unitOfWork)
    : IRequestHandler<OpenCounter, long>
{
    public Task<long> Handle(OpenCounter request, CancellationToken cancellationToken)
    {
        unitOfWork.For(store).Append(request.CounterId, "counter", ExpectedVersion.NoStream,
            [new CounterOpened(request.Name), new CounterIncremented(request.Start)]);
        if (request.Name == "explode")
        {
            throw new InvalidOperationException("The handler failed after deciding.");
        }

        return Task.FromResult(2L);
    }
}

public sealed record Undeclared : IQuery<int>;

internal sealed class UndeclaredHandler : IRequestHandler<Undeclared, int>
{
    public Task<int> Handle(Undeclared request, CancellationToken cancellationToken) => Task.FromResult(1);
}

[SystemOnly]
public sealed record SystemChore : ICommand<bool>;

internal sealed class SystemChoreHandler : IRequestHandler<SystemChore, bool>
{
    public Task<bool> Handle(SystemChore request, CancellationToken cancellationToken) => Task.FromResult(true);
}

public sealed class PipelineTests
{
    private TestStore _test = null!;

    [SetUp]
    public async Task SetUp() => _test = await TestStore.CreateAsync((services, _) => services.AddMessaging(typeof(PipelineTests).Assembly));

    [TearDown]
    public async Task TearDown() => await _test.DisposeAsync();

    [Test]
    public async Task A_command_from_an_allowed_role_is_saved_with_who_did_it_and_the_correlation_id()
    {
        var result = await SendAsync(new OpenCounter("counter-1", "beds", 3), c => c.SignIn("jo@havering", "E09000016", Roles.Brokerage, AccessChannel.Api), "corr-42");

        var events = await _test.Store.ReadStreamAsync("counter-1");
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(2));
            Assert.That(events, Has.Count.EqualTo(2));
            Assert.That(events[0].Metadata, Is.EqualTo(new EventMetadata("jo@havering", "E09000016", "corr-42", null)));
        });
    }

    [Test]
    public async Task Invalid_input_is_refused_naming_every_wrong_field_in_plain_English_and_nothing_is_stored()
    {
        var error = Assert.ThrowsAsync<RequestValidationException>(() =>
            SendAsync(new OpenCounter("counter-1", "", 500), c => c.SignIn("jo", "E09000016", Roles.Brokerage, AccessChannel.Api)));

        Assert.Multiple(async () =>
        {
            Assert.That(error!.Errors.Keys, Is.EquivalentTo(new[] { "name", "start" }));
            Assert.That(error.Errors["name"], Is.EqualTo(new[] { "Enter the counter's name." }));
            Assert.That(error.Errors["start"], Is.EqualTo(new[] { "The start must be a whole number from 0 to 100." }));
            Assert.That(await _test.Store.CountAsync(), Is.Zero);
        });
    }

    [Test]
    public async Task A_role_the_request_does_not_allow_is_refused_before_validation_and_nothing_is_stored()
    {
        Assert.ThrowsAsync<ForbiddenException>(() =>
            SendAsync(new OpenCounter("counter-1", "", 3), c => c.SignIn("pat", "PRV-A", Roles.Provider, AccessChannel.Api)));
        Assert.ThrowsAsync<ForbiddenException>(() => SendAsync(new OpenCounter("counter-1", "beds", 3), _ => { }));

        Assert.That(await _test.Store.CountAsync(), Is.Zero);
    }

    [Test]
    public void A_request_that_declares_no_policy_is_refused_even_for_the_system()
    {
        var error = Assert.ThrowsAsync<InvalidOperationException>(() => SendAsync(new Undeclared(), c => c.ActAsSystem(AccessChannel.Cli)));

        Assert.That(error!.Message, Does.Contain("declares no policy"));
    }

    [Test]
    public async Task A_system_only_request_is_refused_to_people_and_allowed_to_the_system()
    {
        Assert.ThrowsAsync<ForbiddenException>(() => SendAsync(new SystemChore(), c => c.SignIn("admin", "E09000016", Roles.PartnershipAdmin, AccessChannel.Web)));

        Assert.That(await SendAsync(new SystemChore(), c => c.ActAsSystem(AccessChannel.Background)), Is.True);
    }

    [Test]
    public async Task When_the_handler_throws_the_unit_of_work_is_not_saved()
    {
        Assert.ThrowsAsync<InvalidOperationException>(() =>
            SendAsync(new OpenCounter("counter-1", "explode", 3), c => c.SignIn("jo", "E09000016", Roles.Brokerage, AccessChannel.Api)));

        Assert.That(await _test.Store.CountAsync(), Is.Zero);
    }

    private async Task<T> SendAsync<T>(IRequest<T> request, Action<RequestContext> actAs, string? correlationId = null)
    {
        await using var scope = _test.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        actAs(context);
        if (correlationId is not null)
        {
            context.CorrelationId = correlationId;
        }

        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }
}
