using ValeoErp.Durable.Engine;
using System.Diagnostics;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using FluentAssertions;
using NodaTime;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ValeoErp.Tests.Processes.Engine;

/// <summary>The SQLite orchestration service under DurableTask.Core's worker, with shim-hosted Microsoft.DurableTask classes.</summary>
public sealed class OrchestrationTests
{
    [Fact]
    public async Task Three_activities_in_sequence_produce_output_and_history()
    {
        await using Harness harness = await Harness.StartAsync();

        OrchestrationInstance instance = await harness.StartOrchestrationAsync<SequenceOrchestrator>("seq-1", "a");
        OrchestrationState state = await harness.WaitAsync(instance);

        state.OrchestrationStatus.Should().Be(OrchestrationStatus.Completed);
        state.Output.Should().Be("\"axxx\"");
        JArray history = JArray.Parse(await harness.Service.GetOrchestrationHistoryAsync("seq-1", instance.ExecutionId));
        int Count(EventType type) => history.Count(e => e.Value<int>(nameof(HistoryEvent.EventType)) == (int)type);
        Count(EventType.TaskScheduled).Should().Be(3);
        Count(EventType.TaskCompleted).Should().Be(3);
        Count(EventType.ExecutionCompleted).Should().Be(1);
    }

    [Fact]
    public async Task Durable_timer_fires_only_after_the_clock_passes_fire_time()
    {
        await using Harness harness = await Harness.StartAsync();
        DateTime fireAt = harness.Clock.GetCurrentInstant().Plus(Duration.FromHours(1)).ToDateTimeUtc();

        OrchestrationInstance instance = await harness.StartOrchestrationAsync<TimerOrchestrator>("timer-1", fireAt);
        await harness.WaitForStateAsync("timer-1", s => s.OrchestrationStatus == OrchestrationStatus.Running);
        harness.Clock.Advance(Duration.FromMinutes(59));
        await Task.Delay(500); // several polling intervals: a due timer would have fired by now

        (await harness.Service.GetOrchestrationStateAsync("timer-1", executionId: null))!
            .OrchestrationStatus.Should().Be(OrchestrationStatus.Running);

        harness.Clock.Advance(Duration.FromMinutes(1));
        OrchestrationState state = await harness.WaitAsync(instance, seconds: 10);
        state.OrchestrationStatus.Should().Be(OrchestrationStatus.Completed);
        state.Output.Should().Be("\"fired\"");
    }

    [Fact]
    public async Task External_event_wins_the_race_when_raised_before_the_deadline()
    {
        await using Harness harness = await Harness.StartAsync();
        DateTime deadline = harness.Clock.GetCurrentInstant().Plus(Duration.FromHours(1)).ToDateTimeUtc();

        OrchestrationInstance instance = await harness.StartOrchestrationAsync<RaceOrchestrator>("race-event", deadline);
        await harness.WaitForStateAsync("race-event", s => s.OrchestrationStatus == OrchestrationStatus.Running);
        await harness.Client.RaiseEventAsync(instance, "Approve", "bob");

        OrchestrationState state = await harness.WaitAsync(instance);
        state.Output.Should().Be("\"approved:bob\"");

        // A late clock jump must not disturb the finished instance.
        harness.Clock.Advance(Duration.FromHours(2));
        await Task.Delay(300);
        (await harness.Service.GetOrchestrationStateAsync("race-event", executionId: null))!.Output.Should().Be("\"approved:bob\"");
    }

    [Fact]
    public async Task Timer_wins_the_race_when_the_clock_passes_the_deadline_first()
    {
        await using Harness harness = await Harness.StartAsync();
        DateTime deadline = harness.Clock.GetCurrentInstant().Plus(Duration.FromHours(1)).ToDateTimeUtc();

        OrchestrationInstance instance = await harness.StartOrchestrationAsync<RaceOrchestrator>("race-timer", deadline);
        await harness.WaitForStateAsync("race-timer", s => s.OrchestrationStatus == OrchestrationStatus.Running);
        harness.Clock.Advance(Duration.FromHours(1) + Duration.FromSeconds(1));

        OrchestrationState state = await harness.WaitAsync(instance);
        state.Output.Should().Be("\"timeout\"");

        // The event arrives after completion: it is dropped, not delivered, and nothing crashes.
        await harness.Client.RaiseEventAsync(instance, "Approve", "late");
        await Task.Delay(300);
        (await harness.Service.GetOrchestrationStateAsync("race-timer", executionId: null))!.Output.Should().Be("\"timeout\"");
    }

    [Fact]
    public async Task Instance_survives_a_graceful_restart()
    {
        string path = Harness.NewDatabasePath();
        var clock = Harness.NewClock();
        const string id = "restart-graceful";

        await using (Harness first = await Harness.StartAsync(path, clock))
        {
            await first.StartOrchestrationAsync<ApprovalOrchestrator>(id, "one");
            await first.WaitForStateAsync(id, s => s.Status?.Contains("waiting-for-go", StringComparison.Ordinal) == true);
        }

        try
        {
            await using Harness second = await Harness.StartAsync(path, clock);
            OrchestrationState before = (await second.Service.GetOrchestrationStateAsync(id, executionId: null))!;
            await second.Client.RaiseEventAsync(before.OrchestrationInstance, "Go", "two");
            OrchestrationState state = await second.WaitAsync(before.OrchestrationInstance);

            state.Output.Should().Be("\"ONE|TWO\"");
            ActivityProbe.Count(id, "one").Should().Be(1);
            ActivityProbe.Count(id, "two").Should().Be(1);
        }
        finally
        {
            Harness.DeleteDatabase(path);
        }
    }

    [Fact]
    public async Task Instance_survives_a_kill_during_an_activity_and_the_activity_reruns()
    {
        string path = Harness.NewDatabasePath();
        var clock = Harness.NewClock();
        const string id = "restart-kill";
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ActivityProbe.Gates[id] = gate;

        // "Kill": the worker is never stopped and its activity never completes; the service (and its pooled
        // connections) just goes away, leaving the activity lease and the instance mid-flight in the file.
        Harness killed = await Harness.StartAsync(path, clock);
        await killed.StartOrchestrationAsync<ApprovalOrchestrator>(id, "one");
        await WaitUntilAsync(() => ActivityProbe.Count(id, "one") == 1);
        killed.Service.Dispose();
        ActivityProbe.Gates.TryRemove(id, out _);
        gate.SetResult(); // the orphaned invocation finishes but cannot write anything any more

        try
        {
            await using Harness second = await Harness.StartAsync(path, clock);
            OrchestrationState waiting = await second.WaitForStateAsync(id, s => s.Status?.Contains("waiting-for-go", StringComparison.Ordinal) == true);
            await second.Client.RaiseEventAsync(waiting.OrchestrationInstance, "Go", "two");
            OrchestrationState state = await second.WaitAsync(waiting.OrchestrationInstance);

            state.Output.Should().Be("\"ONE|TWO\"");
            ActivityProbe.Count(id, "one").Should().Be(2, "the killed invocation is re-run (at-least-once)");
            ActivityProbe.Count(id, "two").Should().Be(1);
        }
        finally
        {
            await killed.Worker.StopAsync(isForced: true);
            Harness.DeleteDatabase(path);
        }
    }

    [Fact]
    public async Task Running_instance_is_deduplicated_and_a_finished_one_can_start_again()
    {
        await using Harness harness = await Harness.StartAsync();
        const string id = "dedupe-1";

        OrchestrationInstance first = await harness.StartOrchestrationAsync<ApprovalOrchestrator>(id, "a");
        Func<Task> again = () => harness.StartOrchestrationAsync<ApprovalOrchestrator>(id, "b");
        await again.Should().ThrowAsync<OrchestrationAlreadyExistsException>();
        Func<Task> againWithDedupe = () => harness.Client.CreateOrchestrationInstanceAsync(
            nameof(ApprovalOrchestrator), string.Empty, id, "b", null, [OrchestrationStatus.Running, OrchestrationStatus.Pending]);
        await againWithDedupe.Should().ThrowAsync<OrchestrationAlreadyExistsException>();

        await harness.WaitForStateAsync(id, s => s.Status?.Contains("waiting-for-go", StringComparison.Ordinal) == true);
        await harness.Client.RaiseEventAsync(first, "Go", "x");
        (await harness.WaitAsync(first)).Output.Should().Be("\"A|X\"");

        OrchestrationInstance second = await harness.StartOrchestrationAsync<ApprovalOrchestrator>(id, "c");
        second.ExecutionId.Should().NotBe(first.ExecutionId);
        await harness.WaitForStateAsync(id, s => s.Status?.Contains("waiting-for-go", StringComparison.Ordinal) == true
            && s.OrchestrationInstance.ExecutionId == second.ExecutionId);
        await harness.Client.RaiseEventAsync(second, "Go", "y");
        (await harness.WaitAsync(second)).Output.Should().Be("\"C|Y\"");
    }

    [Fact]
    public async Task Custom_status_is_visible_through_the_client()
    {
        await using Harness harness = await Harness.StartAsync();

        OrchestrationInstance instance = await harness.StartOrchestrationAsync<ApprovalOrchestrator>("custom-1", "a");
        OrchestrationState waiting = await harness.WaitForStateAsync("custom-1", s => s.Status is not null);
        waiting.Status.Should().Be("\"waiting-for-go\"");
        waiting.OrchestrationStatus.Should().Be(OrchestrationStatus.Running);

        await harness.Client.RaiseEventAsync(instance, "Go", "b");
        await harness.WaitAsync(instance);
        OrchestrationState done = (await harness.Client.GetOrchestrationStateAsync(instance))!;
        done.Status.Should().Be("\"done\"");
    }

    [Fact]
    public async Task Terminated_instance_stops_and_reports_terminated()
    {
        await using Harness harness = await Harness.StartAsync();

        OrchestrationInstance instance = await harness.StartOrchestrationAsync<ApprovalOrchestrator>("term-1", "a");
        await harness.WaitForStateAsync("term-1", s => s.Status is not null);
        await harness.Service.ForceTerminateTaskOrchestrationAsync("term-1", "no longer needed");

        OrchestrationState state = await harness.WaitAsync(instance);
        state.OrchestrationStatus.Should().Be(OrchestrationStatus.Terminated);
        ActivityProbe.Count("term-1", "a").Should().Be(1);
    }

    [Fact]
    public async Task Messages_to_an_unknown_instance_are_dropped_without_disturbing_other_work()
    {
        await using Harness harness = await Harness.StartAsync();

        await harness.Client.RaiseEventAsync(new OrchestrationInstance { InstanceId = "ghost" }, "Approve", "boo");
        OrchestrationInstance instance = await harness.StartOrchestrationAsync<SequenceOrchestrator>("after-ghost", "g");

        (await harness.WaitAsync(instance)).Output.Should().Be("\"gxxx\"");
        (await harness.Service.GetOrchestrationStateAsync("ghost", executionId: null)).Should().BeNull();
    }

    [Fact]
    public async Task Continue_as_new_starts_fresh_executions_until_done()
    {
        await using Harness harness = await Harness.StartAsync();

        OrchestrationInstance first = await harness.StartOrchestrationAsync<CountdownOrchestrator>("countdown-1", 2);
        OrchestrationState state = await harness.WaitAsync(new OrchestrationInstance { InstanceId = first.InstanceId });

        state.OrchestrationStatus.Should().Be(OrchestrationStatus.Completed);
        state.Output.Should().Be("\"0x\"");
        state.OrchestrationInstance.ExecutionId.Should().NotBe(first.ExecutionId);
        JArray lastHistory = JArray.Parse(await harness.Service.GetOrchestrationHistoryAsync("countdown-1", executionId: null));
        lastHistory.Count(e => e.Value<int>(nameof(HistoryEvent.EventType)) == (int)EventType.TaskScheduled).Should().Be(1);
    }

    [Fact]
    public async Task Sub_orchestration_result_flows_back_to_the_parent()
    {
        await using Harness harness = await Harness.StartAsync();

        OrchestrationInstance parent = await harness.StartOrchestrationAsync<ParentOrchestrator>("parent-1", "s");

        (await harness.WaitAsync(parent)).Output.Should().Be("\"parent(sxxx)\"");
        OrchestrationState child = (await harness.Service.GetOrchestrationStateAsync("parent-1:child", executionId: null))!;
        child.OrchestrationStatus.Should().Be(OrchestrationStatus.Completed);
        child.ParentInstance.OrchestrationInstance.InstanceId.Should().Be("parent-1");
    }

    [Fact]
    public async Task ListAsync_filters_by_prefix_and_status_and_pages_in_created_order()
    {
        await using Harness harness = await Harness.StartAsync();
        var completed = new List<OrchestrationInstance>();
        foreach (string id in new[] { "tenantA:3", "tenantA:1", "tenantA:2", "tenantB:1" })
        {
            completed.Add(await harness.StartOrchestrationAsync<SequenceOrchestrator>(id, id));
            harness.Clock.Advance(Duration.FromSeconds(1));
        }

        await harness.StartOrchestrationAsync<ApprovalOrchestrator>("tenantA:9", "waits");
        foreach (OrchestrationInstance instance in completed)
        {
            await harness.WaitAsync(instance);
        }

        await harness.WaitForStateAsync("tenantA:9", s => s.OrchestrationStatus == OrchestrationStatus.Running);

        var page1 = await harness.Service.ListAsync("tenantA:", OrchestrationStatus.Completed, null, 2, null, CancellationToken.None);
        page1.Items.Select(s => s.OrchestrationInstance.InstanceId).Should().Equal("tenantA:3", "tenantA:1");
        page1.Continuation.Should().NotBeNull();
        var page2 = await harness.Service.ListAsync("tenantA:", OrchestrationStatus.Completed, null, 2, page1.Continuation, CancellationToken.None);
        page2.Items.Select(s => s.OrchestrationInstance.InstanceId).Should().Equal("tenantA:2");
        page2.Continuation.Should().BeNull();

        var running = await harness.Service.ListAsync("tenantA:", OrchestrationStatus.Running, null, 10, null, CancellationToken.None);
        running.Items.Select(s => s.OrchestrationInstance.InstanceId).Should().Equal("tenantA:9");

        var byName = await harness.Service.ListAsync("tenant", null, "Sequence", 10, null, CancellationToken.None);
        byName.Items.Should().HaveCount(4).And.OnlyContain(s => s.Name == nameof(SequenceOrchestrator));

        var tenantB = await harness.Service.ListAsync("tenantB:", null, null, 10, null, CancellationToken.None);
        tenantB.Items.Select(s => s.OrchestrationInstance.InstanceId).Should().Equal("tenantB:1");
    }

    [Fact]
    public async Task Purge_removes_finished_instances_only()
    {
        await using Harness harness = await Harness.StartAsync();
        OrchestrationInstance done = await harness.StartOrchestrationAsync<SequenceOrchestrator>("purge-done", "p");
        await harness.WaitAsync(done);
        await harness.StartOrchestrationAsync<ApprovalOrchestrator>("purge-running", "p");
        await harness.WaitForStateAsync("purge-running", s => s.OrchestrationStatus == OrchestrationStatus.Running);

        harness.Clock.Advance(Duration.FromDays(1));
        await harness.Service.PurgeOrchestrationHistoryAsync(
            harness.Clock.GetCurrentInstant().ToDateTimeUtc(), OrchestrationStateTimeRangeFilterType.OrchestrationCreatedTimeFilter);

        (await harness.Service.GetOrchestrationStateAsync("purge-done", executionId: null)).Should().BeNull();
        JArray.Parse(await harness.Service.GetOrchestrationHistoryAsync("purge-done", done.ExecutionId)).Should().BeEmpty();
        (await harness.Service.GetOrchestrationStateAsync("purge-running", executionId: null)).Should().NotBeNull();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            waited.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the condition should become true");
            await Task.Delay(20);
        }
    }
}
