import Foundation
import RecoupSimulation

/// The synthetic MSP world: clients, invoices and their true behaviour, deterministic by seed.
///
/// Making the world draws clients and invoices only (cheap, a few tens of MB for a million
/// invoices); behaviour is simulated client by client with `simulate(clientIndex:decider:until:)`
/// so that a bundle can be written as it is generated.
///
/// ```swift
/// let world = SyntheticWorld(parameters: WorldParameters(clients: 400, months: 24, seed: 1))
/// var cadence = LoggingCadence(parameters: world.parameters)
/// let history = world.simulate(clientIndex: 0, decider: &cadence, until: .observationEnd)
/// ```
public struct SyntheticWorld: Sendable {
    public let parameters: WorldParameters
    public let rng: CounterRandom
    public let clients: [WorldClient]
    /// Every invoice in issue order; `invoices[i].index == i`.
    public let invoices: [WorldInvoice]
    /// Global invoice indices of each client's invoices, in issue order.
    public let invoicesByClient: [[Int]]

    /// - Complexity: O(invoices × log invoices).
    public init(parameters: WorldParameters) {
        self.parameters = parameters
        let rng = CounterRandom(seed: parameters.seed, run: 0)
        self.rng = rng
        let clients = (0..<max(0, parameters.clients)).map { WorldClient.make(index: $0, parameters: parameters, rng: rng) }
        self.clients = clients
        let invoices = SyntheticWorld.makeInvoices(clients: clients, parameters: parameters, rng: rng)
        self.invoices = invoices
        var byClient = [[Int]](repeating: [], count: clients.count)
        for inv in invoices { byClient[inv.clientIndex].append(inv.index) }
        self.invoicesByClient = byClient
    }

    /// How far a client's simulation runs.
    public enum Horizon: Sendable, Hashable {
        /// Up to and including `parameters.end` (the history as observed; invoices may stay open).
        case observationEnd
        /// Until every invoice is paid or written off (truth mode).
        case allClosed
    }
}
