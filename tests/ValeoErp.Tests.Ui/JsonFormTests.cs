using ValeoErp.Client;
using ValeoErp.Ui.Services;

namespace ValeoErp.Tests.Ui;

/// <summary>The posting-accounts form edits every account, including the per-rate maps, and writes them all back.</summary>
public sealed class JsonFormTests
{
    [Fact]
    public void PostingAccounts_FlattenToOneFieldPerAccount_AndBuildBackUnchanged()
    {
        var accounts = new PostingAccounts
        {
            Receivables = "1400", Payables = "1600", Bank = "1200", Cash = "1000",
            Revenue = new Dictionary<string, string> { ["standard"] = "8400", ["reduced"] = "8300" },
            OutputVat = new Dictionary<string, string> { ["standard"] = "1776", ["reduced"] = "1771" },
        };

        var flat = Json.Flatten(accounts);
        flat.Should().Contain(new KeyValuePair<string, string?>("bank", "1200"))
            .And.Contain(new KeyValuePair<string, string?>("revenue.reduced", "8300"))
            .And.Contain(new KeyValuePair<string, string?>("outputVat.standard", "1776"));

        flat["revenue.reduced"] = "8310";
        var back = Json.Unflatten<PostingAccounts>(flat);
        back.Revenue.Should().Equal(new Dictionary<string, string> { ["standard"] = "8400", ["reduced"] = "8310" });
        back.Bank.Should().Be("1200");
        back.OutputVat!["reduced"].Should().Be("1771");
    }
}
