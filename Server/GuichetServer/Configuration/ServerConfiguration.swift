import Foundation
import GuichetDomain
import Logging

/// Everything a server process needs, filled from the command line (and environment) or built literally in tests.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Folder of the pièce blobs and partial uploads (and of the SQLite file by default).
    public var dataDirectory: URL
    public var maximumPieceSize: Int
    public var sync: SyncConfiguration
    public var logLevel: Logger.Level
    /// The métropole's cotation grid (validated at start); the bundled example when nil.
    public var grille: GrilleCotation?

    public init(host: String = "127.0.0.1", port: Int = 8080, dataDirectory: URL, maximumPieceSize: Int = 20 << 20,
                sync: SyncConfiguration = SyncConfiguration(), logLevel: Logger.Level = .info) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.maximumPieceSize = maximumPieceSize
        self.sync = sync
        self.logLevel = logLevel
    }
}
