using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Ticketing.Api.Hosting;

namespace Ticketing.Api.Identity.Persistence;

/// <summary>
/// The Data Protection key ring in <c>data_protection_keys</c>: every API node reads and writes the same keys, so
/// a token protected on one node is readable on the others and after a restart. The interface is synchronous;
/// it is called on key-ring refreshes (start-up, key rotation), not per request.
/// </summary>
public sealed class PostgresXmlRepository(TicketingDatabase database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = database.DataSource.CreateCommand("select xml from data_protection_keys order by id");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var command = database.DataSource.CreateCommand("insert into data_protection_keys (friendly_name, xml) values ($1, $2)")
            .With(friendlyName).With(element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }
}
