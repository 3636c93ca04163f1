import Foundation
import GuichetProtocol
import Testing

/// Device clocks a day off: the hybrid logical clock keeps each device's events in causal order, and a stamp
/// from a clock far ahead may not drag another clock into the future (the server also flags such devices and
/// never uses stamps as authority: see PushTests.aClockFarAheadIsRecordedAndFlagged and PilotageTests).
@Suite("Horloges décalées d'un jour")
struct HLCTests {
    static let jour: Int64 = 86_400_000
    static let maintenant: Int64 = 1_795_000_000_000

    @Test func aClockSetBackOneDayStillStampsInOrder() {
        var hlc = HybridLogicalClock(device: "poste")
        var stamps = (0..<5).map { i in hlc.tick(physicalMillis: Self.maintenant + Int64(i) * 1000) }
        // The agent (or a dead battery) sets the clock back one day: stamps keep growing.
        stamps += (0..<5).map { i in hlc.tick(physicalMillis: Self.maintenant - Self.jour + Int64(i) * 1000) }
        #expect(stamps == stamps.sorted())
        #expect(Set(stamps).count == stamps.count)
        #expect(stamps.last!.wallMillis == Self.maintenant + 4000, "the wall part never goes back")
    }

    @Test func aStampFromAClockOneDayAheadIsRefused() {
        var b = HybridLogicalClock(device: "b")
        _ = b.tick(physicalMillis: Self.maintenant)
        let futur = HLCStamp(wallMillis: Self.maintenant + Self.jour, counter: 0, device: "a")
        let refuse = b.observe(futur, physicalMillis: Self.maintenant)
        #expect(refuse == false)
        #expect(b.last.wallMillis == Self.maintenant, "not dragged a day ahead")
        // Within the bound (five minutes), the stamp is merged and the next local event comes after it.
        let proche = HLCStamp(wallMillis: Self.maintenant + 60_000, counter: 3, device: "a")
        let accepte = b.observe(proche, physicalMillis: Self.maintenant + 1)
        #expect(accepte)
        let suivant = b.tick(physicalMillis: Self.maintenant + 2)
        #expect(suivant > proche)
    }

    @Test func aStampFromAClockOneDayBehindNeverMovesAClockBack() {
        // Device B's clock is a day behind. A correct clock that sees B's stamps stays where it is and stamps
        // after them; across devices, the order of authority is the server's sequence, not the stamps.
        var a = HybridLogicalClock(device: "a")
        var b = HybridLogicalClock(device: "b")
        let sa = a.tick(physicalMillis: Self.maintenant)
        let sb = b.tick(physicalMillis: Self.maintenant - Self.jour)
        let merged = a.observe(sb, physicalMillis: Self.maintenant + 1)
        #expect(merged)
        let suivant = a.tick(physicalMillis: Self.maintenant + 2)
        #expect(suivant > sa && suivant > sb)
        #expect(suivant.wallMillis == Self.maintenant + 2)
        // B, a day behind, may not merge A's stamp (beyond the 5-minute bound from its own time): its own stamps
        // keep their order, and the server flags nothing (it only bounds clocks running ahead).
        let refuse = b.observe(sa, physicalMillis: Self.maintenant - Self.jour + 1)
        #expect(refuse == false)
        #expect(b.tick(physicalMillis: Self.maintenant - Self.jour + 2) > sb)
    }
}
