using System.Globalization;
using System.Text;
using System.Xml.Linq;
using NodaTime;

namespace ValeoErp.Application.Finance.Gobd;

public enum GobdType { Text, Number, Date }

/// <summary>A column as the GDPdU description standard declares it: text (with its longest value), a number with its decimals, or a date.</summary>
public sealed record GobdColumn(string Name, string Description, GobdType Type, int Decimals = 0, bool Key = false);

/// <summary>
/// One table of the auditors' export: a CSV file (UTF-8, ';', CRLF, text in double quotes, decimal comma, dates
/// DD.MM.YYYY, one heading line) and its description in index.xml, columns in the same order in both.
/// </summary>
public sealed class GobdTable(string file, string name, string description, IReadOnlyList<GobdColumn> columns,
    IReadOnlyList<(string Column, string Table)>? foreignKeys = null)
{
    private readonly List<object?[]> _rows = [];
    public string File { get; } = file;
    public string Name { get; } = name;
    public IReadOnlyList<GobdColumn> Columns { get; } = [.. columns.Where(c => c.Key), .. columns.Where(c => !c.Key)];
    public int Count => _rows.Count;

    /// <summary>Values in the order the columns were given (keys are moved first for the file, as the standard wants).</summary>
    public void Add(params object?[] values)
    {
        if (values.Length != columns.Count) throw new ArgumentException($"{Name}: {values.Length} values for {columns.Count} columns.");
        var byName = columns.Select((c, i) => (c.Name, Value: values[i])).ToDictionary(x => x.Name, x => x.Value);
        _rows.Add([.. Columns.Select(c => byName[c.Name])]);
    }

    public byte[] Csv()
    {
        var text = new StringBuilder();
        text.Append(string.Join(';', Columns.Select(c => Quote(c.Name)))).Append("\r\n");
        foreach (var row in _rows)
            text.Append(string.Join(';', Columns.Select((c, i) => Field(c, row[i])))).Append("\r\n");
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text.ToString());
    }

    private static string Field(GobdColumn column, object? value) => value switch
    {
        null => "",
        decimal d => d.ToString("F" + column.Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).Replace('.', ','),
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        LocalDate date => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture),
        _ => Quote(Single(value.ToString() ?? "")),
    };

    /// <summary>Record delimiters never occur inside a value: line breaks in texts become spaces.</summary>
    private static string Single(string text) => text.Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ');

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"") + "\"";

    private int Longest(int index) => Math.Max(1, _rows.Select(r => r[index] is { } v and not decimal and not int and not long and not LocalDate
        ? Single(v.ToString() ?? "").Length : 0).DefaultIfEmpty(0).Max());

    public XElement Describe(LocalDate from, LocalDate to)
    {
        var body = new XElement("VariableLength",
            new XElement("ColumnDelimiter", ";"),
            new XElement("RecordDelimiter", "\r\n"),
            new XElement("TextEncapsulator", "\""));
        for (var i = 0; i < Columns.Count; i++)
        {
            var c = Columns[i];
            var element = new XElement(c.Key ? "VariablePrimaryKey" : "VariableColumn", new XElement("Name", c.Name), new XElement("Description", c.Description));
            switch (c.Type)
            {
                case GobdType.Number: element.Add(new XElement("Numeric", new XElement("Accuracy", c.Decimals))); break;
                case GobdType.Date: element.Add(new XElement("Date", new XElement("Format", "DD.MM.YYYY"))); break;
                default: element.Add(new XElement("AlphaNumeric"), new XElement("MaxLength", Longest(i))); break;
            }
            body.Add(element);
        }
        foreach (var (column, table) in foreignKeys ?? [])
            body.Add(new XElement("ForeignKey", new XElement("Name", column), new XElement("References", table)));
        return new XElement("Table",
            new XElement("URL", File),
            new XElement("Name", Name),
            new XElement("Description", description),
            new XElement("Validity",
                new XElement("Range", new XElement("From", $"{from:dd.MM.yyyy}"), new XElement("To", $"{to:dd.MM.yyyy}")),
                new XElement("Format", "DD.MM.YYYY")),
            new XElement("UTF8"),
            new XElement("DecimalSymbol", ","),
            new XElement("DigitGroupingSymbol", "."),
            new XElement("Range", new XElement("From", 2)), // the heading line
            body);
    }
}
