import Foundation

/// An amount of money kept exactly in centimes, written in JSON as a number of euros (`412.37`).
public struct Euros: Sendable, Hashable, Comparable, Codable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    public var centimes: Int

    public init(centimes: Int) { self.centimes = centimes }
    public init(_ euros: Int) { self.centimes = euros * 100 }
    public init(integerLiteral value: Int) { self.init(value) }

    /// Whole euros, rounded half up (the official tables are in whole euros).
    public var eurosArrondis: Int {
        centimes >= 0 ? (centimes + 50) / 100 : -((-centimes + 50) / 100)
    }

    public static func < (a: Euros, b: Euros) -> Bool { a.centimes < b.centimes }
    public static func + (a: Euros, b: Euros) -> Euros { Euros(centimes: a.centimes + b.centimes) }
    public static func - (a: Euros, b: Euros) -> Euros { Euros(centimes: a.centimes - b.centimes) }
    public static func * (a: Euros, n: Int) -> Euros { Euros(centimes: a.centimes * n) }
    public static let zero = Euros(centimes: 0)
    /// The largest amount a document may carry, exclusive (10¹² €).
    public static let limiteEuros = 1_000_000_000_000

    public var description: String {
        let sign = centimes < 0 ? "-" : ""
        let c = abs(centimes)
        return c % 100 == 0 ? "\(sign)\(c / 100) €" : "\(sign)\(c / 100),\(c % 100 < 10 ? "0" : "")\(c % 100) €"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        // Bounded (under a thousand billion euros) so centimes and every product the rules compute stay in Int.
        if let i = try? c.decode(Int.self) {
            guard i > -Self.limiteEuros, i < Self.limiteEuros else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "montant invalide"))
            }
            self.init(i)
            return
        }
        let d = try c.decode(Double.self)
        guard d.isFinite, abs(d) < Double(Self.limiteEuros) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "montant invalide"))
        }
        self.init(centimes: Int((d * 100).rounded()))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if centimes % 100 == 0 { try c.encode(centimes / 100) } else { try c.encode(Double(centimes) / 100) }
    }
}
