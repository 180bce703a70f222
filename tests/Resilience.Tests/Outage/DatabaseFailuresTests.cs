using System.Net.Sockets;
using Marten.Exceptions;
using Npgsql;
using Ticketing.Api.Hosting.Database;

namespace Ticketing.Resilience.Tests.Outage;

/// <summary>Which errors mean "the database is not there" (503, retry as is) and which are a statement failing on a healthy server.</summary>
public sealed class DatabaseFailuresTests
{
    [Theory]
    [InlineData("57P01")] // admin_shutdown: pg_ctl stop -m fast ends the session; Npgsql does not call it transient
    [InlineData("57P02")] // crash_shutdown
    [InlineData("57P03")] // cannot_connect_now: starting up or in recovery
    [InlineData("08006")] // connection_failure
    [InlineData("53300")] // too_many_connections
    public void A_server_shutting_down_starting_or_refusing_connections_is_unavailable(string sqlState) =>
        DatabaseFailures.IsUnavailable(new PostgresException("server says no", "FATAL", "FATAL", sqlState)).ShouldBeTrue();

    [Theory]
    [InlineData("23505")] // unique_violation
    [InlineData("40001")] // serialization_failure: retried by callers, but the server is fine
    [InlineData("40P01")] // deadlock_detected
    [InlineData("42P01")] // undefined_table: a bug, never a 503
    public void A_statement_failing_on_a_healthy_server_is_not_unavailable(string sqlState) =>
        DatabaseFailures.IsUnavailable(new PostgresException("statement failed", "ERROR", "ERROR", sqlState)).ShouldBeFalse();

    [Fact]
    public void A_refused_or_lost_connection_and_a_pool_time_out_are_unavailable()
    {
        DatabaseFailures.IsUnavailable(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))).ShouldBeTrue();
        DatabaseFailures.IsUnavailable(new NpgsqlException("Exception while reading from stream", new IOException("reset"))).ShouldBeTrue();
        DatabaseFailures.IsUnavailable(new NpgsqlException("The connection pool has been exhausted", new TimeoutException())).ShouldBeTrue();
        DatabaseFailures.IsUnavailable(new InvalidOperationException("wrapped", new PostgresException("x", "FATAL", "FATAL", "57P01"))).ShouldBeTrue();
    }

    [Fact]
    public void An_outage_wrapped_by_Marten_is_unavailable()
    {
        // A commit cut by pg_ctl stop -m fast: Marten's rollback of the dead transaction fails, and what reaches the
        // request is Npgsql's ObjectDisposedException (an InvalidOperationException) wrapping the 57P01 (seen in the
        // outage test's log).
        DatabaseFailures.IsUnavailable(new ObjectDisposedException("NpgsqlTransaction",
            new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"))).ShouldBeTrue();
        // Marten wraps what Npgsql throws in a MartenCommandException, and a batch whose operations failed in several
        // places in an AggregateException.
        using var append = new NpgsqlCommand("select mt_quick_append_events($1, $2, $3)");
        DatabaseFailures.IsUnavailable(new MartenCommandException(append, new PostgresException("terminating connection", "FATAL", "FATAL", "57P01"))).ShouldBeTrue();
        DatabaseFailures.IsUnavailable(new MartenCommandException(append,
            new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)))).ShouldBeTrue();
        DatabaseFailures.IsUnavailable(new MartenCommandException(append, new NpgsqlException("Exception while reading from stream", new IOException("reset")))).ShouldBeTrue();
        DatabaseFailures.IsUnavailable(new AggregateException(
            new MartenCommandException(append, new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03")),
            new MartenCommandException(append, new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03")))).ShouldBeTrue();
    }

    [Fact]
    public void A_statement_failing_on_a_healthy_server_is_not_unavailable_when_Marten_wraps_it()
    {
        using var append = new NpgsqlCommand("select mt_quick_append_events($1, $2, $3)");
        DatabaseFailures.IsUnavailable(new MartenCommandException(append, new PostgresException("duplicate key", "ERROR", "ERROR", "23505"))).ShouldBeFalse();
    }

    [Fact]
    public void Unrelated_exceptions_are_not_unavailable()
    {
        DatabaseFailures.IsUnavailable(new InvalidOperationException("a bug")).ShouldBeFalse();
        DatabaseFailures.IsUnavailable(new NpgsqlException("no inner cause")).ShouldBeFalse();
        DatabaseFailures.IsUnavailable(null).ShouldBeFalse();
    }
}
