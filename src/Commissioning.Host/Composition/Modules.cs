using Commissioning.BuildingBlocks.Modules;

namespace Commissioning.Host.Composition;

/// <summary>The business modules this host composes, in start-up order.</summary>
internal static class Modules
{
    public static IReadOnlyList<IModule> All { get; } =
    [
        new Partnership.PartnershipModule(),
        new Contracts.ContractsModule(),
        new Brokerage.BrokerageModule(),
        new PaymentByResults.PaymentByResultsModule(),
        new Training.TrainingModule(),
        new Reporting.ReportingModule(),
    ];
}
