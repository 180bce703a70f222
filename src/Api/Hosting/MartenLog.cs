using Marten;
using Marten.Services;
using Npgsql;

namespace Ticketing.Api.Hosting;

/// <summary>
/// What Marten may write to the host's logs: schema changes only. Marten's default logger writes every failed command
/// with its SQL and parameter values, and a concurrency conflict (an everyday 409/412 under contention) is such a
/// failure; parameters carry reply bodies and contact details, which stay out of logs. Failures still surface as
/// exceptions, which the exception handler logs without values (ADR 0015).
/// </summary>
public sealed partial class MartenLog(ILogger<MartenLog> logger) : IMartenLogger, IMartenSessionLogger
{
    public IMartenSessionLogger StartSession(IQuerySession session) => this;

    public void SchemaChange(string sql) => LogSchemaChange(logger, sql);

    public void LogSuccess(NpgsqlCommand command)
    {
    }

    public void LogFailure(NpgsqlCommand command, Exception ex)
    {
    }

    public void LogSuccess(NpgsqlBatch batch)
    {
    }

    public void LogFailure(NpgsqlBatch batch, Exception ex)
    {
    }

    public void LogFailure(Exception ex, string message)
    {
    }

    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit)
    {
    }

    public void OnBeforeExecute(NpgsqlCommand command)
    {
    }

    public void OnBeforeExecute(NpgsqlBatch batch)
    {
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Marten changed the schema: {Sql}")]
    private static partial void LogSchemaChange(ILogger logger, string sql);
}
