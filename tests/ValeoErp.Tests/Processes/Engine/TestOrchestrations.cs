using ValeoErp.Durable.Engine;
using System.Collections.Concurrent;
using Microsoft.DurableTask;

namespace ValeoErp.Tests.Processes.Engine;

/// <summary>Counts activity invocations per instance and step, and lets a test hold an activity mid-flight.</summary>
public static class ActivityProbe
{
    public static readonly ConcurrentDictionary<string, int> Invocations = new();
    public static readonly ConcurrentDictionary<string, TaskCompletionSource> Gates = new();

    public static int Count(string instanceId, string step) => Invocations.GetValueOrDefault($"{instanceId}/{step}");
}

public sealed class AppendStep : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult(input + "x");
}

public sealed class CountedStep : TaskActivity<string, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, string input)
    {
        ActivityProbe.Invocations.AddOrUpdate($"{context.InstanceId}/{input}", 1, (_, n) => n + 1);
        if (ActivityProbe.Gates.TryGetValue(context.InstanceId, out TaskCompletionSource? gate))
        {
            await gate.Task;
        }

        return input.ToUpperInvariant();
    }
}

public sealed class SequenceOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        string value = input;
        for (int i = 0; i < 3; i++)
        {
            value = await context.CallActivityAsync<string>(nameof(AppendStep), value);
        }

        return value;
    }
}

public sealed class TimerOrchestrator : TaskOrchestrator<DateTime, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, DateTime fireAt)
    {
        await context.CreateTimer(fireAt, CancellationToken.None);
        return "fired";
    }
}

public sealed class RaceOrchestrator : TaskOrchestrator<DateTime, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, DateTime deadline)
    {
        using var cancel = new CancellationTokenSource();
        Task<string> approval = context.WaitForExternalEvent<string>("Approve", cancel.Token);
        Task timeout = context.CreateTimer(deadline, cancel.Token);
        Task winner = await Task.WhenAny(approval, timeout);
        cancel.Cancel();
        return winner == approval ? "approved:" + approval.Result : "timeout";
    }
}

public sealed class ApprovalOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        string first = await context.CallActivityAsync<string>(nameof(CountedStep), input);
        context.SetCustomStatus("waiting-for-go");
        string go = await context.WaitForExternalEvent<string>("Go");
        string second = await context.CallActivityAsync<string>(nameof(CountedStep), go);
        context.SetCustomStatus("done");
        return $"{first}|{second}";
    }
}

public sealed class CountdownOrchestrator : TaskOrchestrator<int, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int remaining)
    {
        string step = await context.CallActivityAsync<string>(nameof(AppendStep), remaining.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (remaining > 0)
        {
            context.ContinueAsNew(remaining - 1);
        }

        return step;
    }
}

public sealed class ParentOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        string child = await context.CallSubOrchestratorAsync<string>(
            nameof(SequenceOrchestrator), input, new SubOrchestrationOptions { InstanceId = context.InstanceId + ":child" });
        return "parent(" + child + ")";
    }
}
