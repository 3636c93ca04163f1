import Crypto
import Foundation

/// Secrets handed to people and devices; only their SHA-256 is stored.
enum Secrets {
    /// A device token: 32 random bytes, base64url.
    static func makeToken() -> String {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// A one-time enrollment code an agent can type: 12 characters of an unambiguous alphabet, `XXXX-XXXX-XXXX`.
    static func makeEnrollmentCode() -> String {
        let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
        var rng = SystemRandomNumberGenerator()
        let chars = (0..<12).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }
        return [chars[0..<4], chars[4..<8], chars[8..<12]].map { String($0) }.joined(separator: "-")
    }

    /// Normalises a typed enrollment code (case, spaces, dashes) before hashing.
    static func normaliseEnrollmentCode(_ code: String) -> String {
        let c = code.uppercased().filter { $0.isLetter || $0.isNumber }
        guard c.count == 12 else { return c }
        let a = Array(c)
        return [a[0..<4], a[4..<8], a[8..<12]].map { String($0) }.joined(separator: "-")
    }

    static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
