using DurableTask.Core;

namespace ValeoErp.Durable.Engine;

/// <summary>
/// Registers a Microsoft.DurableTask orchestrator or activity (wrapped by DurableTaskShimFactory) with a DurableTask.Core
/// TaskHubWorker: by name, with the empty version the shim expects.
/// </summary>
public sealed class ShimRegistration<T> : ObjectCreator<T>
{
    private readonly Func<T> _create;

    public ShimRegistration(string name, Func<T> create)
    {
        Name = name;
        Version = "";
        _create = create;
    }

    public override T Create() => _create();
}
