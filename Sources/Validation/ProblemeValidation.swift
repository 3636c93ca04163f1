import Foundation

/// One problem of a record: where (a field path), a stable code, and a French message an agent can act on.
public struct ProblemeValidation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Path of the field, e.g. `demandeur.nir` or `logementRecherche.communes[2]`.
    public let chemin: String
    /// Stable code: `obligatoire`, `format`, `incoherent`, `horsLimites`, `cle` …
    public let code: String
    public let message: String

    public init(chemin: String, code: String, message: String) {
        self.chemin = chemin
        self.code = code
        self.message = message
    }

    public var description: String { "\(chemin) : \(message)" }
}

/// A record that fails validation, with every problem at once.
public struct ValidationEchouee: Error, Sendable, Hashable, CustomStringConvertible {
    public let problemes: [ProblemeValidation]
    public init(_ problemes: [ProblemeValidation]) { self.problemes = problemes }
    public var description: String { "\(problemes.count) problème(s) de validation" }
}
