import Foundation

/// An INSEE commune code packed into an integer (its five ASCII characters), compared without touching a `String`.
///
/// Accepts the five characters of any INSEE code, Corsican ones included (`2A004`); whether the commune exists is
/// not checked here (`ReferentielCommunes` does that).
public struct CodeCommune: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The five ASCII bytes, first character in the high byte.
    public let valeur: UInt64

    /// Packs `insee` after trimming spaces and upper-casing; nil unless it is five ASCII letters or digits.
    public init?(_ insee: String) {
        let code = insee.trimmingCharacters(in: .whitespaces).uppercased()
        let octets = Array(code.utf8)
        guard octets.count == 5, octets.allSatisfy({ (48...57).contains($0) || (65...90).contains($0) }) else {
            return nil
        }
        valeur = octets.reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// One of 64 bits chosen by a multiplicative hash, for the wished-communes signature of a profile.
    @inline(__always)
    var bitSignature: UInt64 { 1 << ((valeur &* 0x9E37_79B9_7F4A_7C15) >> 58) }

    /// The code as written, `38185`.
    public var description: String {
        let octets = (0..<5).map { UInt8(truncatingIfNeeded: valeur >> (8 * UInt64(4 - $0))) }
        return String(decoding: octets, as: UTF8.self)
    }

    /// Decodes the code from its text, `"38185"`.
    public init(from decoder: any Decoder) throws {
        let texte = try decoder.singleValueContainer().decode(String.self)
        guard let code = CodeCommune(texte) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "code INSEE attendu (5 caractères), reçu « \(texte) »"))
        }
        self = code
    }

    /// Encodes the code as its text.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// The communes a household wishes, in its order of preference, without repetition.
///
/// A demande lists a handful of communes (form box G3): a linear scan of a few integers is faster than hashing.
public struct EnsembleCommunes: Sendable, Hashable {
    /// The codes, in the order of the demande.
    public let codes: [CodeCommune]

    /// Keeps the valid codes of `insee` in order, dropping repetitions and malformed codes.
    public init(_ insee: [String]) {
        var codes: [CodeCommune] = []
        for texte in insee {
            if let code = CodeCommune(texte), !codes.contains(code) { codes.append(code) }
        }
        self.codes = codes
    }

    /// Whether `code` is wished.
    @inline(__always)
    public func contient(_ code: CodeCommune) -> Bool {
        for c in codes where c == code { return true }
        return false
    }

    /// The first commune wished, if any.
    public var premiere: CodeCommune? { codes.first }
}
