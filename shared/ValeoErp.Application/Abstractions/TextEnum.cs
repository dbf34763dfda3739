namespace ValeoErp.Application.Abstractions;

/// <summary>
/// A request field that arrives as text (so every field error is reported at once) but must name a member of
/// <see cref="EnumType"/> in camelCase. The OpenAPI document lists the members as the field's enum.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class TextEnumAttribute(Type enumType) : Attribute
{
    public Type EnumType { get; } = enumType;

    public IReadOnlyList<string> Names => Enum.GetNames(EnumType).Select(n => char.ToLowerInvariant(n[0]) + n[1..]).ToArray();
}
