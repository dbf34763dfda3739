using ValeoErp.Durable.Engine;
using DurableTask.Core;
using DurableTask.Core.History;
using FluentAssertions;
using Newtonsoft.Json;
using Xunit;

namespace ValeoErp.Tests.Processes.Engine;

public sealed class SerializationTests
{
    [Fact]
    public void Task_messages_round_trip_with_their_concrete_event_type()
    {
        var message = new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = "i", ExecutionId = "e" },
            Event = new ExecutionStartedEvent(-1, "\"input\"")
            {
                Name = "Orchestration",
                Tags = new Dictionary<string, string> { ["tenant"] = "A" },
            },
        };

        TaskMessage copy = DurableTaskJson.Deserialize<TaskMessage>(DurableTaskJson.Serialize(message));

        copy.Event.Should().BeOfType<ExecutionStartedEvent>()
            .Which.Tags.Should().Contain("tenant", "A");
        copy.OrchestrationInstance.ExecutionId.Should().Be("e");
    }

    [Theory]
    [InlineData("System.IO.FileInfo, System.Private.CoreLib")]
    [InlineData("System.Diagnostics.Process, System.Diagnostics.Process")]
    public void Type_names_outside_DurableTask_Core_are_rejected(string typeName)
    {
        string tampered = $$"""{"$type":"{{typeName}}","OriginalPath":"/etc/passwd"}""";

        Action read = () => DurableTaskJson.Deserialize<HistoryEvent>(tampered);

        // Newtonsoft wraps the binder's refusal in its own "Error resolving type" exception.
        read.Should().Throw<JsonSerializationException>()
            .WithInnerException<JsonSerializationException>().WithMessage("*not allowed*");
    }
}
