import Foundation

/// The numéro unique (NUR) of a demande: 18 characters `TTT MMYY NNNNNN GGGGG` — territory (département on three
/// characters, `038` for Isère), month and year of the first demande (legal constraint, old CCH R441-2-3), a
/// six-digit sequence, and the five-character code of the registering guichet. No check key is known (docs/DOMAIN.md).
///
/// Server-authored: a device never invents one.
public struct NumeroUnique: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let valeur: String

    /// Validates the structure.
    /// - Throws: `NumeroUniqueInvalide` with a French message.
    public init(_ valeur: String) throws(NumeroUniqueInvalide) {
        let v = valeur.trimmingCharacters(in: .whitespaces).uppercased()
        guard v.count == 18 else { throw NumeroUniqueInvalide("Le numéro unique compte 18 caractères (reçu \(v.count)).") }
        let c = Array(v)
        let territoire = String(c[0..<3])
        guard territoire.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "A" || $0 == "B") }) else {
            throw NumeroUniqueInvalide("Les 3 premiers caractères (territoire) doivent être un code de département, par ex. 038.")
        }
        // Digits only: `Int("+1")` and `Int("-1")` would accept a sign as month or year.
        guard c[3..<7].allSatisfy({ $0.isASCII && $0.isNumber }), let mois = Int(String(c[3..<5])), (1...12).contains(mois) else {
            throw NumeroUniqueInvalide("Les caractères 4 à 7 doivent être le mois et l'année du dépôt (MMAA).")
        }
        guard c[7..<13].allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw NumeroUniqueInvalide("Les caractères 8 à 13 doivent être le numéro d'ordre à 6 chiffres.")
        }
        guard c[13..<18].allSatisfy({ $0.isASCII && ($0.isNumber || $0.isUppercase) }) else {
            throw NumeroUniqueInvalide("Les 5 derniers caractères doivent être le code du guichet enregistreur (A–Z, 0–9).")
        }
        self.valeur = v
    }

    /// Builds the numéro of a demande registered by `codeGuichet` in `departement`, first deposited on `depot`.
    /// - Parameter compteur: the territory's sequence for that month, from 1 to 999 999.
    public static func generer(
        departement: String, depot: Jour, compteur: Int, codeGuichet: String
    ) throws(NumeroUniqueInvalide) -> NumeroUnique {
        guard (1...999_999).contains(compteur) else {
            throw NumeroUniqueInvalide("Le compteur mensuel du territoire est épuisé (\(compteur)).")
        }
        guard Guichet.codeEstValide(codeGuichet) else {
            throw NumeroUniqueInvalide("Le code guichet « \(codeGuichet) » doit compter 5 caractères A–Z ou 0–9.")
        }
        let territoire = String(repeating: "0", count: max(0, 3 - departement.count)) + departement
        let mmaa = String(format: "%02d%02d", depot.mois, depot.annee % 100)
        let sequence = String(format: "%06d", compteur)
        return try NumeroUnique(territoire + mmaa + sequence + codeGuichet)
    }

    /// Territory prefix (`038`).
    public var territoire: String { String(valeur.prefix(3)) }
    /// Month of the first dépôt.
    public var mois: Int { Int(valeur.dropFirst(3).prefix(2))! }
    /// Two-digit year of the first dépôt.
    public var annee2: Int { Int(valeur.dropFirst(5).prefix(2))! }
    /// Sequence number within the territory and month.
    public var sequence: Int { Int(valeur.dropFirst(7).prefix(6))! }
    /// Code of the registering guichet.
    public var codeGuichet: String { String(valeur.suffix(5)) }

    public var description: String { valeur }
    public static func < (a: NumeroUnique, b: NumeroUnique) -> Bool { a.valeur < b.valeur }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(valeur)
    }
}

/// A malformed numéro unique, with a French message.
public struct NumeroUniqueInvalide: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
