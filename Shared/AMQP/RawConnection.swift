import CRabbitMQ
import Foundation
import Messaging

/// One rabbitmq-c connection with channel 1 open. Not thread-safe: created, used and closed on one thread.
final class RawConnection {
    let state: amqp_connection_state_t
    let channel: amqp_channel_t = 1
    private var isOpen = true

    /// Connects, logs in and opens channel 1; throws on any failure.
    /// (Once `state` is set, a throwing init still runs `deinit`, which frees the connection: never free it here.)
    init(settings: AMQPSettings, connectTimeout: TimeInterval = 5) throws {
        guard let state = amqp_new_connection() else { throw AMQPError.connectionFailed("out of memory") }
        self.state = state
        let socket = try settings.usesTLS ? Self.tlsSocket(state, settings) : amqp_tcp_socket_new(state)
        guard let socket else { throw AMQPError.connectionFailed("cannot create socket") }
        var timeout = timeval(seconds: connectTimeout)
        let status = amqp_socket_open_noblock(socket, settings.host, Int32(settings.port), &timeout)
        guard status == AMQP_STATUS_OK.rawValue else {
            throw AMQPError.connectionFailed(String(cString: amqp_error_string2(status)))
        }
        let login = crmq_login_plain(
            state,
            settings.virtualHost,
            0,
            131_072,
            Int32(settings.heartbeat),
            settings.user,
            settings.password
        )
        try Self.check(login, "login")
        amqp_channel_open(state, channel)
        try Self.check(amqp_get_rpc_reply(state), "channel.open")
    }

    /// A TLS socket that accepts TLS 1.2 and 1.3 only, from a broker whose certificate chains to the settings' CAs
    /// and names the host (rabbitmq-c 0.11 matches host names, not IP addresses: connect by name).
    private static func tlsSocket(_ state: amqp_connection_state_t, _ settings: AMQPSettings) throws -> OpaquePointer? {
        guard let socket = amqp_ssl_socket_new(state) else { return nil }
        amqp_ssl_socket_set_verify_peer(socket, 1)
        amqp_ssl_socket_set_verify_hostname(socket, 1)
        guard amqp_ssl_socket_set_ssl_versions(socket, AMQP_TLSv1_2, AMQP_TLSvLATEST) == AMQP_STATUS_OK.rawValue else {
            throw AMQPError.connectionFailed("TLS 1.2 or later is not available")
        }
        let loaded = amqp_ssl_socket_set_cacert(socket, settings.caCertificate)
        guard loaded == AMQP_STATUS_OK.rawValue else {
            throw AMQPError.connectionFailed("cannot read the CA certificates of AMQP_CACERT")
        }
        return socket
    }

    deinit {
        if isOpen { amqp_destroy_connection(state) }
    }

    /// Closes channel and connection politely, so the broker does not log an abrupt disconnect.
    func close() {
        guard isOpen else { return }
        isOpen = false
        amqp_channel_close(state, channel, AMQP_REPLY_SUCCESS)
        amqp_connection_close(state, AMQP_REPLY_SUCCESS)
        amqp_destroy_connection(state)
    }

    /// Drops the connection without the closing handshake (after an error).
    func abandon() {
        guard isOpen else { return }
        isOpen = false
        amqp_destroy_connection(state)
    }

    // MARK: - Synchronous methods

    func confirmSelect() throws {
        amqp_confirm_select(state, channel)
        try Self.check(amqp_get_rpc_reply(state), "confirm.select")
    }

    func declareExchange(_ name: String, type: String) throws {
        let buffers = CBuffers()
        amqp_exchange_declare(state, channel, buffers.bytes(name), buffers.bytes(type), 0, 1, 0, 0, amqp_empty_table)
        try Self.check(amqp_get_rpc_reply(state), "exchange.declare \(name)")
    }

    func declareQueue(_ name: String, arguments: [(String, CBuffers.FieldValue)]) throws {
        let buffers = CBuffers()
        amqp_queue_declare(state, channel, buffers.bytes(name), 0, 1, 0, 0, buffers.table(arguments))
        try Self.check(amqp_get_rpc_reply(state), "queue.declare \(name)")
    }

    func bind(queue: String, exchange: String, routingKey: String) throws {
        let buffers = CBuffers()
        amqp_queue_bind(
            state,
            channel,
            buffers.bytes(queue),
            buffers.bytes(exchange),
            buffers.bytes(routingKey),
            amqp_empty_table
        )
        try Self.check(amqp_get_rpc_reply(state), "queue.bind \(queue)")
    }

    func deleteQueue(_ name: String) throws {
        let buffers = CBuffers()
        amqp_queue_delete(state, channel, buffers.bytes(name), 0, 0)
        try Self.check(amqp_get_rpc_reply(state), "queue.delete \(name)")
    }

    func deleteExchange(_ name: String) throws {
        let buffers = CBuffers()
        amqp_exchange_delete(state, channel, buffers.bytes(name), 0)
        try Self.check(amqp_get_rpc_reply(state), "exchange.delete \(name)")
    }

    /// Ready messages and attached consumers of a queue (passive declare).
    func depth(queue: String) throws -> (messages: Int, consumers: Int) {
        let buffers = CBuffers()
        let reply = amqp_queue_declare(state, channel, buffers.bytes(queue), 1, 0, 0, 0, amqp_empty_table)
        try Self.check(amqp_get_rpc_reply(state), "queue.declare passive \(queue)")
        return (Int(reply?.pointee.message_count ?? 0), Int(reply?.pointee.consumer_count ?? 0))
    }

    // MARK: - Publishing

    /// Sends one persistent, mandatory message without waiting; its confirm arrives later as a frame.
    func send(_ message: TransportMessage, to exchange: String) throws {
        let buffers = CBuffers()
        var properties = amqp_basic_properties_t()
        properties._flags =
            UInt32(AMQP_BASIC_CONTENT_TYPE_FLAG) | UInt32(AMQP_BASIC_DELIVERY_MODE_FLAG)
            | UInt32(AMQP_BASIC_MESSAGE_ID_FLAG) | UInt32(AMQP_BASIC_HEADERS_FLAG) | UInt32(AMQP_BASIC_TIMESTAMP_FLAG)
        properties.content_type = buffers.bytes("application/json")
        properties.delivery_mode = 2
        properties.message_id = buffers.bytes(message.messageId)
        properties.timestamp = UInt64(Date().timeIntervalSince1970)
        properties.headers = buffers.table(
            message.headers.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }
        )
        if let correlationId = message.correlationId {
            properties._flags |= UInt32(AMQP_BASIC_CORRELATION_ID_FLAG)
            properties.correlation_id = buffers.bytes(correlationId)
        }
        if let appId = message.appId {
            properties._flags |= UInt32(AMQP_BASIC_APP_ID_FLAG)
            properties.app_id = buffers.bytes(appId)
        }
        if let type = message.type {
            properties._flags |= UInt32(AMQP_BASIC_TYPE_FLAG)
            properties.type = buffers.bytes(type)
        }
        let status = amqp_basic_publish(
            state,
            channel,
            buffers.bytes(exchange),
            buffers.bytes(message.routingKey),
            1,
            0,
            &properties,
            buffers.bytes(message.body)
        )
        guard status == AMQP_STATUS_OK.rawValue else {
            throw AMQPError.connectionFailed(String(cString: amqp_error_string2(status)))
        }
    }

    /// Waits up to `timeout` for the next frame; nil on timeout.
    func nextFrame(timeout: TimeInterval) throws -> amqp_frame_t? {
        var frame = amqp_frame_t()
        var wait = timeval(seconds: timeout)
        let status = amqp_simple_wait_frame_noblock(state, &frame, &wait)
        if status == AMQP_STATUS_TIMEOUT.rawValue { return nil }
        guard status == AMQP_STATUS_OK.rawValue else {
            throw AMQPError.connectionFailed(String(cString: amqp_error_string2(status)))
        }
        return frame
    }

    // MARK: - Errors

    /// Turns a failed RPC reply into an error naming what was attempted.
    static func check(_ reply: amqp_rpc_reply_t, _ what: String) throws {
        switch reply.reply_type {
        case AMQP_RESPONSE_NORMAL:
            return
        case AMQP_RESPONSE_LIBRARY_EXCEPTION:
            throw AMQPError.connectionFailed("\(what): \(String(cString: amqp_error_string2(reply.library_error)))")
        case AMQP_RESPONSE_SERVER_EXCEPTION:
            throw closeError(methodId: reply.reply.id, decoded: reply.reply.decoded, what: what)
        default:
            throw AMQPError.protocolError("\(what): no reply")
        }
    }

    /// The broker's reason for closing the channel or connection.
    static func closeError(methodId: amqp_method_number_t, decoded: UnsafeMutableRawPointer?, what: String) -> AMQPError
    {
        if methodId == AMQP_CHANNEL_CLOSE_METHOD, let decoded {
            let close = decoded.assumingMemoryBound(to: amqp_channel_close_t.self).pointee
            return .closedByBroker(code: Int(close.reply_code), text: "\(what): \(close.reply_text.string)")
        }
        if methodId == AMQP_CONNECTION_CLOSE_METHOD, let decoded {
            let close = decoded.assumingMemoryBound(to: amqp_connection_close_t.self).pointee
            return .closedByBroker(code: Int(close.reply_code), text: "\(what): \(close.reply_text.string)")
        }
        return .protocolError("\(what): unexpected method \(methodId)")
    }
}

extension timeval {
    init(seconds: TimeInterval) {
        let whole = Int(seconds)
        self.init(tv_sec: whole, tv_usec: Int((seconds - Double(whole)) * 1_000_000))
    }
}
