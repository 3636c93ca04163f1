import Foundation
import NIOCore
import NIOPosix

/// A fault-injecting TCP proxy for tests.
///
/// It listens on `127.0.0.1` on a free port and forwards every accepted connection to `upstreamHost:upstreamPort`.
/// The fault ``Mode`` can be changed at any time from any thread; it applies to new connections and, as described
/// on each case, to the connections already open.
///
/// ```swift
/// let proxy = FaultProxy(upstreamHost: "127.0.0.1", upstreamPort: postgresPort)
/// try await proxy.start()
/// // point the code under test at 127.0.0.1:\(proxy.port)
/// proxy.mode = .oneWayPartition
/// // ... the request in flight hangs ...
/// proxy.mode = .pass          // the partitioned connection is now reset, new ones work
/// try await proxy.stop()
/// ```
///
/// Forwarding respects backpressure (the NIO "glue" pattern): one side is read only while the other side is
/// writable. Both channels of a connection live on the same event loop. When one side closes, what was already
/// accepted for the other side is flushed and then the other side is closed too (no half-close).
public final class FaultProxy: Sendable {
    /// What the proxy does to the traffic.
    public enum Mode: Sendable, Hashable, CustomStringConvertible {
        /// Transparent forwarding.
        case pass
        /// Every chunk, in each direction, is delivered `Duration` after it was read (order is preserved).
        case delay(Duration)
        /// New connections are accepted then closed at once (FIN) without reaching upstream; open ones are closed.
        case drop
        /// New and open connections are closed with a TCP RST (SO_LINGER {1, 0}), on both sides.
        case reset
        /// Each connection forwards at most `bytes` bytes in each direction, counted from when the mode took effect
        /// on it (its accept, for a new one). The chunk that reaches the budget is truncated to it; that destination
        /// receives exactly those bytes then is closed, and the source side is closed at once.
        case cutAfter(bytes: Int)
        /// Client→server bytes are discarded (counted as held, never delivered); server→client still flows.
        /// When the mode changes again, every connection that had bytes held is reset on both sides (a request
        /// in flight fails on both peers); connections that sent nothing meanwhile carry on.
        case oneWayPartition
        /// Connections are accepted and read but nothing is forwarded nor answered, in either direction.
        /// When the mode changes again, every connection that was blackholed is closed.
        case blackhole

        public var description: String {
            switch self {
            case .pass: "pass"
            case .delay(let duration): "delay(\(duration))"
            case .drop: "drop"
            case .reset: "reset"
            case .cutAfter(let bytes): "cutAfter(bytes: \(bytes))"
            case .oneWayPartition: "oneWayPartition"
            case .blackhole: "blackhole"
            }
        }
    }

    public enum ProxyError: Error, Sendable, Equatable {
        case alreadyStarted
    }

    public let upstreamHost: String
    public let upstreamPort: Int

    private let group: any EventLoopGroup
    private let state: FaultProxyLockedBox<State>

    private struct Entry: Sendable {
        let eventLoop: any EventLoop
        let connection: NIOLoopBound<ProxyConnection>
    }

    private enum Phase {
        case idle, starting, running(any Channel), stopped
    }

    private struct State {
        var mode: Mode
        var generation = 0
        var phase: Phase = .idle
        var port = 0
        var nextID = 0
        var connections: [Int: Entry] = [:]
        var connectionsAccepted = 0
        var bytesUpstream = 0
        var bytesDownstream = 0
    }

    public init(upstreamHost: String = "127.0.0.1", upstreamPort: Int, mode: Mode = .pass) {
        self.upstreamHost = upstreamHost
        self.upstreamPort = upstreamPort
        self.group = MultiThreadedEventLoopGroup.singleton
        self.state = FaultProxyLockedBox(State(mode: mode))
    }

    /// The port the proxy listens on (on 127.0.0.1); 0 before `start()`.
    public var port: Int { state.withLockedValue { $0.port } }

    /// The current fault mode. Setting it applies to new connections at once and to the open ones on their event loop.
    public var mode: Mode {
        get { state.withLockedValue { $0.mode } }
        set { setMode(newValue) }
    }

    /// Same as setting `mode`.
    public func setMode(_ mode: Mode) {
        state.withLockedValue { state in
            state.mode = mode
            state.generation += 1
            let generation = state.generation
            // Open connections also pick the new mode up on their next read (see `ProxyConnection.syncMode`), so
            // traffic sent after this call returns is never handled under the old mode.
            for entry in state.connections.values {
                let connection = entry.connection
                entry.eventLoop.execute { connection.value.apply(mode, generation: generation) }
            }
        }
    }

    /// Connections accepted on the listener since `start()`, whatever the mode did with them.
    public var connectionsAccepted: Int { state.withLockedValue { $0.connectionsAccepted } }
    /// Bytes handed to upstream (client→server).
    public var bytesUpstream: Int { state.withLockedValue { $0.bytesUpstream } }
    /// Bytes handed to clients (server→client).
    public var bytesDownstream: Int { state.withLockedValue { $0.bytesDownstream } }
    /// Connections not yet fully closed.
    public var openConnections: Int { state.withLockedValue { $0.connections.count } }

    /// Binds 127.0.0.1 on a free port. Throws `ProxyError.alreadyStarted` if called twice.
    public func start() async throws {
        try state.withLockedValue { state in
            guard case .idle = state.phase else { throw ProxyError.alreadyStarted }
            state.phase = .starting
        }
        let channel: any Channel
        do {
            channel = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { [self] channel in
                    channel.eventLoop.makeCompletedFuture { try self.accept(channel) }
                }
                .bind(host: "127.0.0.1", port: 0)
                .get()
        } catch {
            state.withLockedValue { $0.phase = .idle }
            throw error
        }
        let stopped: Bool = state.withLockedValue { state in
            guard case .starting = state.phase else { return true }
            state.phase = .running(channel)
            state.port = channel.localAddress?.port ?? 0
            return false
        }
        if stopped { try? await channel.close() }
    }

    /// Closes the listener and every connection, and waits until they are all closed. Idempotent.
    public func stop() async throws {
        let (listener, entries): ((any Channel)?, [Entry]) = state.withLockedValue { state in
            var listener: (any Channel)?
            if case .running(let channel) = state.phase { listener = channel }
            state.phase = .stopped
            return (listener, Array(state.connections.values))
        }
        if let listener {
            do {
                try await listener.close()
            } catch ChannelError.alreadyClosed {}
        }
        let closed = entries.map { entry in
            let connection = entry.connection
            return entry.eventLoop.flatSubmit { connection.value.closeNow() }
        }
        try await EventLoopFuture.andAllComplete(closed, on: group.any()).get()
    }

    /// Closes (FIN) every open connection now, on both sides; the mode is unchanged.
    public func closeAll() {
        let entries = state.withLockedValue { Array($0.connections.values) }
        for entry in entries {
            let connection = entry.connection
            entry.eventLoop.execute { _ = connection.value.closeNow() }
        }
    }

    // MARK: - Internals

    private func accept(_ channel: any Channel) throws {
        let handler = ProxySideHandler(side: .client)
        let connection = ProxyConnection(proxy: self, client: channel, clientHandler: handler)
        try channel.pipeline.syncOperations.addHandler(handler)
        let entry = Entry(eventLoop: channel.eventLoop, connection: NIOLoopBound(connection, eventLoop: channel.eventLoop))
        let registered: (id: Int, mode: Mode, generation: Int)? = state.withLockedValue { state in
            state.connectionsAccepted += 1
            switch state.phase {
            case .starting, .running:
                state.nextID += 1
                state.connections[state.nextID] = entry
                return (state.nextID, state.mode, state.generation)
            case .idle, .stopped:
                return nil
            }
        }
        if let registered {
            connection.id = registered.id
            connection.mode = registered.mode
            connection.generation = registered.generation
        } else {
            connection.mode = .drop
        }
        connection.attachClient()
    }

    fileprivate func currentMode() -> (mode: Mode, generation: Int) {
        state.withLockedValue { ($0.mode, $0.generation) }
    }

    fileprivate func unregister(_ id: Int) {
        state.withLockedValue { _ = $0.connections.removeValue(forKey: id) }
    }

    fileprivate func count(_ bytes: Int, toward side: ProxySide) {
        state.withLockedValue { state in
            switch side {
            case .server: state.bytesUpstream += bytes
            case .client: state.bytesDownstream += bytes
            }
        }
    }
}

/// A value behind a lock (NIOConcurrencyHelpers is not a dependency of this module).
private final class FaultProxyLockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLockedValue<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

/// Same layout as C's `struct linger` on Linux and Darwin.
private struct Linger: Sendable {
    var onOff: Int32
    var seconds: Int32
}

// MARK: - Per-connection machinery (event-loop bound)

private enum ProxySide {
    case client, server

    var other: ProxySide { self == .client ? .server : .client }
}

/// Bytes travelling one way, toward one side.
private final class ProxyLane {
    var queue = CircularBuffer<(deadline: NIODeadline, data: ByteBuffer)>()
    var queuedBytes = 0
    var timer: Scheduled<Void>?
    var lastDeadline = NIODeadline.uptimeNanoseconds(0)
    var budgetUsed = 0
    var lastWrite: EventLoopFuture<Void>?
    var closeDestinationWhenDrained = false

    func clear() {
        timer?.cancel()
        timer = nil
        queue.removeAll()
        queuedBytes = 0
    }
}

private final class ProxyConnection {
    /// Stop reading a side while this many bytes from it wait in a delay queue.
    static let highWaterMark = 1 << 20

    enum Termination { case close, reset }

    let proxy: FaultProxy
    let eventLoop: any EventLoop
    let client: any Channel
    let clientHandler: ProxySideHandler
    var server: (any Channel)?
    var serverHandler: ProxySideHandler?

    var id = 0
    var mode: FaultProxy.Mode = .pass
    /// Which `setMode` call `mode` comes from: older notifications are ignored.
    var generation = 0
    var started = false
    var connecting = false
    var clientOpen = true
    var serverOpen = false
    var finished = false
    /// Set when one side went away on its own: what is queued toward the other is flushed, then it is closed.
    var draining = false
    /// Set when the proxy itself cuts the connection; a server channel still connecting gets the same.
    var termination: Termination?
    var blackholed = false
    var heldBytes = 0

    let toServer = ProxyLane()
    let toClient = ProxyLane()
    let finishedPromise: EventLoopPromise<Void>

    init(proxy: FaultProxy, client: any Channel, clientHandler: ProxySideHandler) {
        self.proxy = proxy
        self.client = client
        self.eventLoop = client.eventLoop
        self.clientHandler = clientHandler
        self.finishedPromise = client.eventLoop.makePromise(of: Void.self)
        clientHandler.connection = self
    }

    var isClosing: Bool { draining || termination != nil }

    func channel(_ side: ProxySide) -> (any Channel)? { side == .client ? client : server }
    func handler(_ side: ProxySide) -> ProxySideHandler? { side == .client ? clientHandler : serverHandler }
    func isOpen(_ side: ProxySide) -> Bool { side == .client ? clientOpen : serverOpen }
    func lane(toward side: ProxySide) -> ProxyLane { side == .client ? toClient : toServer }

    // MARK: Lifecycle

    func attachClient() {
        client.closeFuture.assumeIsolated().whenComplete { _ in self.sideClosed(.client) }
    }

    /// The client channel is active: act on the mode it was accepted under.
    func begin() {
        guard !started else { return }
        syncMode()
        started = true
        guard termination == nil, clientOpen else { return }
        switch mode {
        case .drop:
            _ = closeNow()
        case .reset:
            resetNow()
        case .blackhole:
            blackholed = true
            clientHandler.resumeRead()
        case .pass, .delay, .cutAfter, .oneWayPartition:
            connectUpstream()
        }
    }

    func connectUpstream() {
        connecting = true
        let handler = ProxySideHandler(side: .server)
        handler.connection = self
        let boundHandler = NIOLoopBound(handler, eventLoop: eventLoop)
        ClientBootstrap(group: eventLoop)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(boundHandler.value)
                }
            }
            .connect(host: proxy.upstreamHost, port: proxy.upstreamPort)
            .hop(to: eventLoop)
            .assumeIsolated()
            .whenComplete { result in self.connected(result, handler: handler) }
    }

    func connected(_ result: Result<any Channel, any Error>, handler: ProxySideHandler) {
        connecting = false
        switch result {
        case .failure:
            handler.connection = nil
            if clientOpen { client.close(promise: nil) }
            finishIfDone()
        case .success(let channel):
            server = channel
            serverHandler = handler
            serverOpen = true
            channel.closeFuture.assumeIsolated().whenComplete { _ in self.sideClosed(.server) }
            switch termination {
            case .close: channel.close(promise: nil)
            case .reset: Self.reset(channel)
            case nil:
                if !clientOpen {
                    channel.close(promise: nil)
                } else {
                    handler.resumeRead()
                    clientHandler.resumeRead()
                }
            }
        }
    }

    func sideClosed(_ side: ProxySide) {
        guard isOpen(side) else { return }
        if side == .client { clientOpen = false } else { serverOpen = false }
        lane(toward: side).clear()
        let other = side.other
        if termination == nil, !draining {
            draining = true
            if isOpen(other) {
                let lane = lane(toward: other)
                lane.closeDestinationWhenDrained = true
                pump(toward: other)
            }
        }
        finishIfDone()
    }

    func finishIfDone() {
        guard !finished, !clientOpen, !serverOpen, !connecting else { return }
        finished = true
        clientHandler.connection = nil
        serverHandler?.connection = nil
        proxy.unregister(id)
        finishedPromise.succeed(())
    }

    /// Closes (FIN) both sides now, dropping whatever is queued. Completes once everything is closed.
    func closeNow() -> EventLoopFuture<Void> {
        if termination == nil { termination = .close }
        toServer.clear()
        toClient.clear()
        if clientOpen { client.close(promise: nil) }
        if serverOpen, let server { server.close(promise: nil) }
        finishIfDone()
        return finishedPromise.futureResult
    }

    /// Closes both sides now with a TCP RST.
    func resetNow() {
        termination = .reset
        toServer.clear()
        toClient.clear()
        if clientOpen { Self.reset(client) }
        if serverOpen, let server { Self.reset(server) }
    }

    static func reset(_ channel: any Channel) {
        guard let provider = channel as? any SocketOptionProvider else {
            channel.close(promise: nil)
            return
        }
        // `struct linger { int l_onoff; int l_linger; }`, spelled without the libc module.
        provider.unsafeSetSocketOption(level: .socket, name: .so_linger, value: Linger(onOff: 1, seconds: 0))
            .assumeIsolated()
            .whenComplete { _ in channel.close(promise: nil) }
    }

    // MARK: Mode changes

    /// Catches up with the proxy's mode if a change has not reached this connection yet.
    func syncMode() {
        let current = proxy.currentMode()
        apply(current.mode, generation: current.generation)
    }

    func apply(_ newMode: FaultProxy.Mode, generation newGeneration: Int) {
        guard newGeneration > generation else { return }
        generation = newGeneration
        let oldMode = mode
        mode = newMode
        guard started, !finished, termination == nil, oldMode != newMode else { return }
        switch newMode {
        case .drop:
            _ = closeNow()
            return
        case .reset:
            resetNow()
            return
        default:
            break
        }
        if blackholed {
            _ = closeNow()
            return
        }
        if case .oneWayPartition = oldMode, heldBytes > 0 {
            resetNow()
            return
        }
        guard !draining else { return }
        switch newMode {
        case .blackhole:
            blackholed = true
            toServer.clear()
            toClient.clear()
        case .cutAfter:
            toServer.budgetUsed = 0
            toClient.budgetUsed = 0
        case .oneWayPartition:
            heldBytes = 0
        case .pass, .delay, .drop, .reset:
            break
        }
        clientHandler.resumeRead()
        serverHandler?.resumeRead()
    }

    // MARK: Data path

    func shouldRead(_ side: ProxySide) -> Bool {
        if isClosing || blackholed { return true }
        if side == .client, case .oneWayPartition = mode { return true }
        guard server != nil, let destination = channel(side.other), isOpen(side.other) else { return false }
        return destination.isWritable && lane(toward: side.other).queuedBytes < Self.highWaterMark
    }

    func received(_ data: ByteBuffer, from side: ProxySide) {
        if started { syncMode() }
        guard started, !isClosing, !blackholed else { return }
        if side == .client, case .oneWayPartition = mode {
            heldBytes += data.readableBytes
            return
        }
        guard server != nil else { return }
        let destination = side.other
        let lane = lane(toward: destination)
        var data = data
        var cut = false
        if case .cutAfter(let limit) = mode {
            let remaining = max(0, limit - lane.budgetUsed)
            if data.readableBytes >= remaining {
                data = data.getSlice(at: data.readerIndex, length: remaining) ?? ByteBuffer()
                cut = true
            }
            lane.budgetUsed += data.readableBytes
        }
        if data.readableBytes > 0 {
            let now = NIODeadline.now()
            var deadline = now
            if case .delay(let duration) = mode { deadline = now + TimeAmount(duration) }
            deadline = max(deadline, lane.lastDeadline)
            lane.lastDeadline = deadline
            if lane.queue.isEmpty, deadline <= now {
                write(data, toward: destination)
            } else {
                lane.queue.append((deadline, data))
                lane.queuedBytes += data.readableBytes
                if lane.timer == nil { pump(toward: destination) }
            }
        }
        if cut, let source = channel(side) {
            // The source goes away now; `sideClosed` flushes the truncated data to the destination, then closes it.
            source.close(promise: nil)
        }
    }

    func pump(toward destination: ProxySide) {
        let lane = lane(toward: destination)
        lane.timer = nil
        let now = NIODeadline.now()
        while let first = lane.queue.first, first.deadline <= now {
            lane.queue.removeFirst()
            lane.queuedBytes -= first.data.readableBytes
            write(first.data, toward: destination)
        }
        if let first = lane.queue.first {
            lane.timer = eventLoop.assumeIsolated().scheduleTask(deadline: first.deadline) {
                self.pump(toward: destination)
            }
        } else if lane.closeDestinationWhenDrained {
            lane.closeDestinationWhenDrained = false
            if let channel = channel(destination) {
                if let lastWrite = lane.lastWrite {
                    lastWrite.assumeIsolated().whenComplete { _ in channel.close(promise: nil) }
                } else {
                    channel.close(promise: nil)
                }
            }
        }
        handler(destination.other)?.resumeRead()
    }

    func write(_ data: ByteBuffer, toward destination: ProxySide) {
        guard isOpen(destination), let handler = handler(destination) else { return }
        let promise = eventLoop.makePromise(of: Void.self)
        lane(toward: destination).lastWrite = promise.futureResult
        proxy.count(data.readableBytes, toward: destination)
        handler.write(data, promise: promise)
    }

    func writabilityChanged(_ side: ProxySide) {
        handler(side.other)?.resumeRead()
    }
}

/// One per channel: feeds reads to the connection and holds `read()` back while the other side cannot take more.
private final class ProxySideHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let side: ProxySide
    var connection: ProxyConnection?
    private var context: ChannelHandlerContext?
    private var pendingRead = false

    init(side: ProxySide) {
        self.side = side
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        if side == .client { connection?.begin() }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        connection?.received(unwrapInboundIn(data), from: side)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        connection?.writabilityChanged(side)
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    func read(context: ChannelHandlerContext) {
        if connection?.shouldRead(side) ?? true {
            pendingRead = false
            context.read()
        } else {
            pendingRead = true
        }
    }

    func resumeRead() {
        guard pendingRead, let context, connection?.shouldRead(side) ?? true else { return }
        pendingRead = false
        context.read()
    }

    func write(_ data: ByteBuffer, promise: EventLoopPromise<Void>) {
        guard let context else {
            promise.fail(ChannelError.ioOnClosedChannel)
            return
        }
        context.writeAndFlush(wrapOutboundOut(data), promise: promise)
    }
}

@available(*, unavailable)
extension ProxySideHandler: Sendable {}
