import CRabbitMQ
import Foundation
import Logging
import Messaging

/// Consumes one queue with manual acks on a dedicated thread and connection; reconnects with backoff.
/// Acks and rejects from Swift tasks are handed to that thread through a queue and a self-pipe,
/// because a rabbitmq-c connection must only be used by the thread that owns it.
package final class AMQPConsumer: MessageSource, @unchecked Sendable {
    private enum Settlement {
        case ack
        case reject(requeue: Bool)
    }

    private let settings: AMQPSettings
    private let queue: String
    private let logger: Logger
    private let wakeRead: Int32
    private let wakeWrite: Int32
    // Guarded by `lock`.
    private let lock = NSLock()
    private var settlements: [(tag: UInt64, generation: Int, settlement: Settlement)] = []
    private var stopDelivering = false
    private var closeRequested = false

    package init(settings: AMQPSettings, queue: String, logger: Logger) {
        self.settings = settings
        self.queue = queue
        self.logger = logger
        var fds: [Int32] = [0, 0]
        pipe(&fds)
        _ = fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK)
        _ = fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK)
        wakeRead = fds[0]
        wakeWrite = fds[1]
    }

    deinit {
        close(wakeRead)
        close(wakeWrite)
    }

    package func consume(_ handle: @escaping @Sendable (Delivery) async -> Void) async throws {
        let (deliveries, continuation) = AsyncStream.makeStream(of: Delivery.self)
        let finished = AsyncStream.makeStream(of: Void.self)
        let thread = Thread { [self] in
            runLoop(deliver: continuation)
            finished.continuation.finish()
        }
        thread.start()
        await withTaskCancellationHandler {
            await withDiscardingTaskGroup { group in
                for await delivery in deliveries {
                    group.addTask { await handle(delivery) }
                }
            }
        } onCancel: {
            requestStop(closing: false)
        }
        // Every handler has settled its delivery: flush the acks, close the connection, then return.
        requestStop(closing: true)
        for await _ in finished.stream {}
    }

    package func ack(_ delivery: Delivery) { settle(delivery, .ack) }

    package func reject(_ delivery: Delivery, requeue: Bool) { settle(delivery, .reject(requeue: requeue)) }

    private func settle(_ delivery: Delivery, _ settlement: Settlement) {
        lock.withLock { settlements.append((delivery.deliveryTag, delivery.generation, settlement)) }
        wake()
    }

    private func requestStop(closing: Bool) {
        lock.withLock {
            stopDelivering = true
            if closing { closeRequested = true }
        }
        wake()
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    // MARK: - Consumer thread

    private func runLoop(deliver: AsyncStream<Delivery>.Continuation) {
        setThreadName("amqp-consumer")
        var generation = 0
        var backoff = Backoff()
        while !lock.withLock({ stopDelivering }) {
            let connection: RawConnection
            do {
                connection = try openConsumer()
                backoff.succeeded()
                generation += 1
                logger.info("consumer connected", metadata: ["queue": "\(queue)"])
            } catch {
                backoff.failed()
                logger.warning("consumer cannot connect", metadata: ["queue": "\(queue)", "error": "\(error)"])
                waitForWake(timeout: backoff.delay)
                continue
            }
            do {
                try pump(connection, generation: generation, deliver: deliver)
            } catch {
                logger.warning("consumer connection lost", metadata: ["queue": "\(queue)", "error": "\(error)"])
                connection.abandon()
                backoff.failed()
                waitForWake(timeout: backoff.delay)
                continue
            }
            // Stopping: no more deliveries; keep settling until every handler is done, then close politely.
            deliver.finish()
            drainSettlements(on: connection, generation: generation)
            connection.close()
            return
        }
        deliver.finish()
    }

    private func openConsumer() throws -> RawConnection {
        let connection = try RawConnection(settings: settings)
        do {
            amqp_basic_qos(connection.state, connection.channel, 0, UInt16(clamping: settings.prefetch), 0)
            try RawConnection.check(amqp_get_rpc_reply(connection.state), "basic.qos")
            let buffers = CBuffers()
            amqp_basic_consume(
                connection.state, connection.channel, buffers.bytes(queue), amqp_empty_bytes, 0, 0, 0, amqp_empty_table
            )
            try RawConnection.check(amqp_get_rpc_reply(connection.state), "basic.consume \(queue)")
        } catch {
            connection.abandon()
            throw error
        }
        return connection
    }

    /// Reads deliveries and sends settlements until asked to stop; throws when the connection fails.
    private func pump(_ connection: RawConnection, generation: Int, deliver: AsyncStream<Delivery>.Continuation) throws {
        while true {
            try sendSettlements(on: connection, generation: generation)
            if lock.withLock({ stopDelivering }) { return }
            if amqp_frames_enqueued(connection.state) == 0 && amqp_data_in_buffer(connection.state) == 0 {
                // Sleep until the socket or the wake pipe is readable; at least once a second for heartbeats.
                var fds = [
                    pollfd(fd: amqp_get_sockfd(connection.state), events: Int16(POLLIN), revents: 0),
                    pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
                ]
                _ = poll(&fds, 2, 1000)
                if fds[1].revents != 0 { drainWakePipe() }
                if fds[0].revents == 0 && fds[1].revents != 0 { continue }
            }
            if let delivery = try receive(on: connection, generation: generation) { deliver.yield(delivery) }
        }
    }

    private func receive(on connection: RawConnection, generation: Int) throws -> Delivery? {
        var envelope = amqp_envelope_t()
        var zero = timeval(tv_sec: 0, tv_usec: 0)
        amqp_maybe_release_buffers(connection.state)
        let reply = amqp_consume_message(connection.state, &envelope, &zero, 0)
        if reply.reply_type == AMQP_RESPONSE_NORMAL {
            defer { amqp_destroy_envelope(&envelope) }
            return Delivery(envelope, generation: generation)
        }
        if reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION {
            if reply.library_error == AMQP_STATUS_TIMEOUT.rawValue { return nil }
            if reply.library_error == AMQP_STATUS_UNEXPECTED_STATE.rawValue {
                // Not a delivery: a close or a cancel the caller must read as a frame.
                guard let frame = try connection.nextFrame(timeout: 1) else { return nil }
                if frame.frame_type == UInt8(AMQP_FRAME_METHOD) {
                    let method = frame.payload.method
                    switch method.id {
                    case AMQP_CHANNEL_CLOSE_METHOD, AMQP_CONNECTION_CLOSE_METHOD:
                        throw RawConnection.closeError(methodId: method.id, decoded: method.decoded, what: "consume")
                    case AMQP_BASIC_CANCEL_METHOD:
                        throw AMQPError.protocolError("consumer cancelled by the broker (queue deleted?)")
                    default:
                        return nil
                    }
                }
                return nil
            }
        }
        try RawConnection.check(reply, "consume")
        return nil
    }

    private func sendSettlements(on connection: RawConnection, generation: Int) throws {
        let pending = lock.withLock {
            let taken = settlements
            settlements = []
            return taken
        }
        for item in pending where item.generation == generation {
            let status: Int32
            switch item.settlement {
            case .ack: status = amqp_basic_ack(connection.state, connection.channel, item.tag, 0)
            case .reject(let requeue):
                status = amqp_basic_reject(connection.state, connection.channel, item.tag, requeue ? 1 : 0)
            }
            guard status == AMQP_STATUS_OK.rawValue else {
                throw AMQPError.connectionFailed(String(cString: amqp_error_string2(status)))
            }
        }
        // Settlements of an earlier connection are dropped: the broker has already requeued those messages.
    }

    private func drainSettlements(on connection: RawConnection, generation: Int) {
        while true {
            do { try sendSettlements(on: connection, generation: generation) } catch { return }
            if lock.withLock({ closeRequested && settlements.isEmpty }) { return }
            waitForWake(timeout: 1)
            // Keep answering heartbeats while the last handlers finish.
            _ = try? connection.nextFrame(timeout: 0)
        }
    }

    private func waitForWake(timeout: TimeInterval) {
        var fds = [pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
        _ = poll(&fds, 1, Int32(timeout * 1000))
        drainWakePipe()
    }

    private func drainWakePipe() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(wakeRead, &buffer, buffer.count) > 0 {}
    }
}

extension Delivery {
    /// Copies a rabbitmq-c envelope into Swift values (the envelope is destroyed right after).
    init(_ envelope: amqp_envelope_t, generation: Int) {
        let properties = envelope.message.properties
        func field(_ flag: Int32, _ value: amqp_bytes_t) -> String? {
            properties._flags & UInt32(flag) != 0 ? value.string : nil
        }
        let headers = properties._flags & UInt32(AMQP_BASIC_HEADERS_FLAG) != 0 ? properties.headers.stringValues : [:]
        let message = TransportMessage(
            routingKey: envelope.routing_key.string,
            messageId: field(AMQP_BASIC_MESSAGE_ID_FLAG, properties.message_id) ?? "",
            correlationId: field(AMQP_BASIC_CORRELATION_ID_FLAG, properties.correlation_id),
            appId: field(AMQP_BASIC_APP_ID_FLAG, properties.app_id),
            type: field(AMQP_BASIC_TYPE_FLAG, properties.type),
            headers: headers,
            body: envelope.message.body.array
        )
        self.init(
            message: message,
            redelivered: envelope.redelivered != 0,
            deliveryCount: headers["x-delivery-count"].flatMap(Int.init) ?? 0,
            deliveryTag: envelope.delivery_tag,
            generation: generation
        )
    }
}
