/// Versions of the sync protocol. The version is the first path segment (`/v1/…`); the server speaks every
/// version from `floor` up and never raises the floor, so a laptop back from a month offline can still sync or,
/// when too old, be told to update without losing its pending work.
public enum ProtocolVersion {
    /// Versions this build speaks.
    public static let supported: [Int] = [1]
    /// The lowest version the server accepts; never raised.
    public static let floor = 1
    public static let current = 1

    /// Header every request carries with the client's build (e.g. `guichet/0.1.0`).
    public static let clientBuildHeader = "Guichet-Client-Build"
    /// Header carrying the server's sequence a response reflects.
    public static let serverSequenceHeader = "Guichet-Server-Seq"
}

/// Headers and limits of the tus-like resumable pièce upload (docs/PROTOCOL.md "Pièces").
public enum PieceUpload {
    public static let offsetHeader = "Upload-Offset"
    public static let lengthHeader = "Upload-Length"
    /// `sha256 <base64 digest of the chunk>`, checked on every chunk (tus checksum extension).
    public static let checksumHeader = "Upload-Checksum"
    public static let completeHeader = "Upload-Complete"
    /// Chunk size the client uses; the server accepts any chunk up to `maximumChunkSize`.
    public static let chunkSize = 1 << 20
    public static let maximumChunkSize = 8 << 20
    /// Default largest pièce (a multi-page scan); the server's limit is configurable.
    public static let defaultMaximumSize = 20 << 20
}
