using ValeoErp.Tests.Processes;
using ValeoErp.Tests.Support;

namespace ValeoErp.Tests.Azure;

/// <summary>
/// The process suite on DurableTask.AzureStorage - the provider the Azure shape uses - against Azurite's blob, queue
/// and table services (.ci/run starts them and sets AZURITE_ORCHESTRATION=1). Each test gets its own task hub.
/// </summary>
public sealed class ProcessTestsOnAzureStorage : ProcessTests
{
    protected override bool TimersFollowTheTestClock => false;

    protected override ClockedApp NewApp()
    {
        if (Environment.GetEnvironmentVariable("AZURITE_ORCHESTRATION") != "1")
            throw new InvalidOperationException("Start Azurite (blob, queue, table) and set AZURITE_ORCHESTRATION=1 (see .ci/run).");
        return new ClockedApp
        {
            Settings =
            {
                ["Orchestration:Provider"] = "AzureStorage",
                ["Orchestration:ConnectionString"] = "UseDevelopmentStorage=true",
                ["Orchestration:TaskHub"] = $"t{Guid.NewGuid():N}",
            },
        };
    }
}
