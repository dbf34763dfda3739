namespace ValeoErp.Ui.Components;

/// <summary>One line of the order entry form as the user types it; the server prices and taxes it on save.</summary>
public sealed class OrderLine
{
    public ValeoErp.Client.Article? Article { get; set; }
    public decimal? Quantity { get; set; }
    public decimal? UnitPrice { get; set; }
    public string? Description { get; set; }
    public bool IsEmpty => Article is null && Quantity is null && UnitPrice is null && string.IsNullOrWhiteSpace(Description);
}
