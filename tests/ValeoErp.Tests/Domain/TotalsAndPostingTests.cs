using NodaTime;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;
using ValeoErp.Domain.Finance;
using static ValeoErp.Tests.Support.DocumentBuilder;

namespace ValeoErp.Tests.Domain;

public sealed class TotalsAndPostingTests
{
    private static readonly PostingAccounts Accounts = new();
    private static readonly Instant At = Instant.FromUtc(2026, 3, 2, 9, 0);

    [Fact]
    public void Totals_RoundPerRateNotPerLine()
    {
        var order = ADocument().WithLine(1, 1.25m).WithLine(1, 1.25m).WithLine(1, 1.25m).Build();
        (order.NetTotal, order.TaxTotal, order.GrossTotal).Should().Be((3.75m, 0.71m, 4.46m)); // per line it would be 3 x 0.24 = 0.72
    }

    [Fact]
    public void Tax_RoundsHalfAwayFromZero()
    {
        ADocument().WithLine(1, 1.50m).Build().TaxTotal.Should().Be(0.29m); // 0.285 -> 0.29, banker's rounding would give 0.28
    }

    [Fact]
    public void LandhandelOrder_HasTheExpectedTotalsAndBreakdown()
    {
        var order = LandhandelOrder();
        order.NetTotal.Should().Be(7115.82m);
        order.TaxTotal.Should().Be(1137.24m);
        order.GrossTotal.Should().Be(8253.06m);
        order.TaxBreakdown.Select(t => (t.Rate, t.Net, t.Tax)).Should().Equal((19m, 5326.13m, 1011.96m), (7m, 1789.69m, 125.28m));
    }

    [Fact]
    public void SalesInvoice_DebitsReceivablesAndCreditsRevenueAndVatPerRate()
    {
        var entry = Entry(PostingRules.SalesInvoice(LandhandelOrder(), Accounts));
        Lines(entry).Should().BeEquivalentTo([("1400", 8253.06m, 0m), ("8400", 0m, 5326.13m), ("8300", 0m, 1789.69m), ("1776", 0m, 1011.96m), ("1771", 0m, 125.28m)]);
    }

    [Fact]
    public void PaymentWithinDiscountPeriod_ClosesTheItemAndBooksSkontoPerRateWithVatCorrection()
    {
        var item = OpenItemOf(LandhandelOrder());
        var (settled, settlement) = item.Settle(8088.00m, new LocalDate(2026, 3, 14), "e").Value;

        settled.OpenAmount.Should().Be(0m);
        settlement.Discount.Should().Be(165.06m);
        settlement.DiscountShares.Select(s => (s.Rate, s.Gross, s.Net, s.Tax)).Should().Equal((19m, 126.76m, 106.52m, 20.24m), (7m, 38.30m, 35.79m, 2.51m));
        Lines(Entry(PostingRules.Payment(settled, settlement, Accounts))).Should().BeEquivalentTo(
            [("1200", 8088.00m, 0m), ("8736", 106.52m, 0m), ("1776", 20.24m, 0m), ("8731", 35.79m, 0m), ("1771", 2.51m, 0m), ("1400", 0m, 8253.06m)]);
    }

    [Fact]
    public void PaymentAfterDiscountPeriod_LeavesTheDifferenceOpen()
    {
        var (settled, settlement) = OpenItemOf(LandhandelOrder()).Settle(8088.00m, new LocalDate(2026, 3, 22), "e").Value;
        settled.OpenAmount.Should().Be(165.06m);
        settlement.Discount.Should().Be(0m);
    }

    [Fact]
    public void Payment_AboveTheOpenAmount_IsRejected() =>
        OpenItemOf(LandhandelOrder()).Settle(9000m, new LocalDate(2026, 3, 3), "e").Error
            .Should().BeOfType<RuleBroken>().Which.Rule.Should().Be("overpayment");

    [Theory]
    [InlineData(8.4, 428.90, 5534.91)]
    [InlineData(7.8, 398.27, 5504.28)]
    public void FlatRateFarmerWheat_IsTaxedAtTheRateInForce(decimal rate, decimal tax, decimal gross)
    {
        var settlement = ADocument().Kind(DocumentKind.PurchaseInvoice).FlatRateFarmer()
            .WithLine(25.34m, 201.50m, VatRateCode.FlatRateFarmer, rate).Build();
        settlement.NetTotal.Should().Be(5106.01m);
        (settlement.TaxTotal, settlement.GrossTotal).Should().Be((tax, gross));
        settlement.SelfBilled.Should().BeTrue();
        Lines(Entry(PostingRules.PurchaseInvoice(settlement, Accounts))).Should().BeEquivalentTo(
            [("3540", 5106.01m, 0m), ("1588", tax, 0m), ("1600", 0m, gross)]);
    }

    [Fact]
    public void JournalEntry_Unbalanced_IsRejected() =>
        JournalEntry.Create("e", new LocalDate(2026, 1, 1), "X", null, "x",
            [new JournalLine("1200", 10m, 0m), new JournalLine("1400", 0m, 9.99m)], "u", At).Error
            .Should().BeOfType<RuleBroken>().Which.Rule.Should().Be("entry-unbalanced");

    [Fact]
    public void Reversal_SwapsSides_AndCannotBeRepeated()
    {
        var entry = Entry(PostingRules.SalesInvoice(LandhandelOrder(), Accounts));
        var reversal = entry.Reverse("r", entry.Date, "u", At).Value;
        reversal.ReversalOf.Should().Be(entry.Id);
        Lines(reversal).Should().BeEquivalentTo(Lines(entry).Select(l => (l.Account, l.Credit, l.Debit)));
        (entry with { ReversedBy = "r" }).Reverse("r2", entry.Date, "u", At).Error!.Code.Should().Be("entry-already-reversed");
    }

    [Fact]
    public void Approve_ByCreator_IsRejected()
    {
        var submitted = LandhandelOrder().Submit("creator", At, approvalThreshold: 1000m).Value;
        submitted.Status.Should().Be(DocumentStatus.Submitted);
        submitted.Approve("creator", At).Error!.Code.Should().Be("approver-is-creator");
        submitted.Approve("boss", At).Value.Status.Should().Be(DocumentStatus.Approved);
    }

    [Fact]
    public void Submit_BelowThreshold_ApprovesAtOnce()
    {
        var approved = ADocument().WithLine(1, 10m).Build().Submit("creator", At, approvalThreshold: 1000m).Value;
        approved.Status.Should().Be(DocumentStatus.Approved);
        approved.History.Last().By.Should().Be("system");
    }

    [Fact]
    public void Reject_NeedsAReason()
    {
        var submitted = LandhandelOrder().Submit("creator", At, 1000m).Value;
        submitted.Reject("boss", At, " ").Error.Should().BeOfType<ValidationFailed>();
        submitted.Reject("boss", At, "Preis zu niedrig").Value.Status.Should().Be(DocumentStatus.Rejected);
    }

    [Fact]
    public void PostedDocument_CannotBeRevised()
    {
        var posted = ADocument().WithLine(1, 10m).Build().Post("RE-1", "u", At, 1000m).Value;
        posted.Revise(posted.DocumentDate, posted.DeliveryDate, posted.Lines, "u", At).Error!.Code.Should().Be("document-posted");
    }

    private static TradeDocument LandhandelOrder() => ADocument()
        .WithLine(12.5m, 289.90m)
        .WithLine(37m, 48.37m, VatRateCode.Reduced)
        .WithLine(1234.5m, 1.379m)
        .Build();

    private static OpenItem OpenItemOf(TradeDocument invoice) =>
        OpenItem.For("oi", OpenItemSide.Receivable, invoice, invoice.DocumentDate.PlusDays(30), invoice.DocumentDate.PlusDays(14), 2m);

    private static JournalEntry Entry(IEnumerable<JournalLine> lines) =>
        JournalEntry.Create("e", new LocalDate(2026, 3, 2), "RE-1", null, "test", lines, "u", At).Value;

    private static IEnumerable<(string Account, decimal Debit, decimal Credit)> Lines(JournalEntry entry) =>
        entry.Lines.Select(l => (l.Account, l.Debit, l.Credit));
}
