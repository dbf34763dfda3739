namespace ValeoErp.Application.Abstractions;

/// <summary>A value that must be unique per tenant (article number, warehouse code).</summary>
public sealed record UniqueKey(string Name, string Value)
{
    public string RecordId => $"{Name}:{Value.ToLowerInvariant()}";
}

/// <summary>
/// How one kind of master record is stored and shown: its record type, its path, how lists sort and
/// filter it, and which of its values must be unique. The slices supply the rules; <see cref="MasterData"/>
/// does the storage mechanics once for all of them.
/// </summary>
public abstract class ResourceDefinition<T> where T : class
{
    /// <summary>Stored record type; several resources may share one (customers and suppliers are partners).</summary>
    public abstract string RecordType { get; }

    /// <summary>Singular name for messages and problem details, e.g. "Customer".</summary>
    public abstract string Name { get; }

    /// <summary>Collection path, e.g. <c>/api/v1/customers</c>.</summary>
    public abstract string Path { get; }

    /// <summary>Event type prefix, e.g. <c>customer</c> gives <c>customer.created</c>.</summary>
    public abstract string EventName { get; }

    /// <summary>Lists show only records carrying this label (a partner is labelled by its roles).</summary>
    public virtual string? Label => null;

    public abstract string IdOf(T entity);

    public abstract RecordIndex Index(T entity);

    /// <summary>Whether this resource shows the record at all (a supplier-only partner is no customer).</summary>
    public virtual bool IsVisible(T entity) => true;

    public virtual IEnumerable<UniqueKey> UniqueKeys(T entity) => [];
}
