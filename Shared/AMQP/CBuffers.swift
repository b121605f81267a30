import CRabbitMQ
import Foundation

/// C buffers kept alive for one rabbitmq-c call, then freed together
/// (a `char*` bridged from a Swift `String` would only live for a single call).
final class CBuffers {
    private var allocations: [UnsafeMutableRawPointer] = []

    deinit { allocations.forEach { free($0) } }

    /// Copies bytes into a C buffer owned by this pool.
    func bytes<C: Collection<UInt8>>(_ data: C) -> amqp_bytes_t {
        guard !data.isEmpty, let pointer = malloc(data.count) else { return amqp_empty_bytes }
        allocations.append(pointer)
        UnsafeMutableRawBufferPointer(start: pointer, count: data.count).copyBytes(from: data)
        return amqp_bytes_t(len: data.count, bytes: pointer)
    }

    func bytes(_ string: String) -> amqp_bytes_t { bytes(Array(string.utf8)) }

    /// An AMQP field table of string and integer values.
    func table(_ fields: [(String, FieldValue)]) -> amqp_table_t {
        guard !fields.isEmpty else { return amqp_empty_table }
        let entries = UnsafeMutablePointer<amqp_table_entry_t>.allocate(capacity: fields.count)
        allocations.append(UnsafeMutableRawPointer(entries))
        for (index, (key, value)) in fields.enumerated() {
            var field = amqp_field_value_t()
            switch value {
            case .string(let text):
                field.kind = UInt8(AMQP_FIELD_KIND_UTF8.rawValue)
                field.value.bytes = bytes(text)
            case .int(let number):
                field.kind = UInt8(AMQP_FIELD_KIND_I64.rawValue)
                field.value.i64 = Int64(number)
            }
            entries[index] = amqp_table_entry_t(key: bytes(key), value: field)
        }
        return amqp_table_t(num_entries: Int32(fields.count), entries: entries)
    }

    /// A value in an AMQP field table.
    enum FieldValue {
        case string(String)
        case int(Int)
    }
}

extension amqp_bytes_t {
    /// The bytes as a Swift string (lossy UTF-8); empty for a null buffer.
    var string: String {
        guard let bytes, len > 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: len), as: UTF8.self)
    }

    var array: [UInt8] {
        guard let bytes, len > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: len))
    }
}

extension amqp_table_t {
    /// String headers, plus integers rendered as decimal text; other kinds are ignored.
    var stringValues: [String: String] {
        var result: [String: String] = [:]
        guard let entries else { return result }
        for index in 0..<Int(num_entries) {
            let entry = entries[index]
            let key = entry.key.string
            let value = entry.value
            switch UInt32(value.kind) {
            case AMQP_FIELD_KIND_UTF8.rawValue, AMQP_FIELD_KIND_BYTES.rawValue: result[key] = value.value.bytes.string
            case AMQP_FIELD_KIND_I64.rawValue: result[key] = String(value.value.i64)
            case AMQP_FIELD_KIND_U64.rawValue: result[key] = String(value.value.u64)
            case AMQP_FIELD_KIND_I32.rawValue: result[key] = String(value.value.i32)
            case AMQP_FIELD_KIND_U32.rawValue: result[key] = String(value.value.u32)
            case AMQP_FIELD_KIND_I16.rawValue: result[key] = String(value.value.i16)
            case AMQP_FIELD_KIND_U16.rawValue: result[key] = String(value.value.u16)
            case AMQP_FIELD_KIND_I8.rawValue: result[key] = String(value.value.i8)
            case AMQP_FIELD_KIND_U8.rawValue: result[key] = String(value.value.u8)
            default: continue
            }
        }
        return result
    }
}
