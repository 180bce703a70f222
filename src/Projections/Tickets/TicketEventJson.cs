using System.Text.Json.Serialization;
using Ticketing.Domain.Tickets;

namespace Ticketing.Projections.Tickets;

/// <summary>
/// Source-generated (reflection-free) JSON for every ticket event and what it contains. Enums are written as
/// their member names, so the stored JSON stays readable in SQL and survives reordering enum members. Nulls
/// are written, not skipped: <see cref="FieldChange{T}"/> needs "set to null" kept apart from "absent".
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(TicketCreated))]
[JsonSerializable(typeof(TicketStatusChanged))]
[JsonSerializable(typeof(ReplyPosted))]
[JsonSerializable(typeof(TicketFieldsChanged))]
[JsonSerializable(typeof(TechnicianAssigned))]
[JsonSerializable(typeof(TicketBilled))]
[JsonSerializable(typeof(TicketAssignedToTaskfire))]
[JsonSerializable(typeof(TaskfireCopyCreated))]
[JsonSerializable(typeof(TaskfireWorkCompleted))]
[JsonSerializable(typeof(TaskfireQuestionAsked))]
[JsonSerializable(typeof(SharedCopyDeleted))]
[JsonSerializable(typeof(TaskfireResourceChanged))]
[JsonSerializable(typeof(TaskfireTicketOpened))]
[JsonSerializable(typeof(TaskfireTicketSubmitted))]
[JsonSerializable(typeof(TicketDeleted))]
[JsonSerializable(typeof(IReadOnlyList<AttachmentMetadata>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(string[]))]
public sealed partial class TicketEventJson : JsonSerializerContext;
