/** What `useEmulator` needs of a vendor's emulator. */
export type SpecEmulator = {
  close(): Promise<void>
  reset(): void
}

/**
 * One emulator for the whole spec file, reset before each test (with the vendor's process-wide
 * caches, when it has any) so tests never see each other's documents. `assign` hands it to the
 * spec's own variable once started.
 */
export function useEmulator<E extends SpecEmulator>(
  start: () => Promise<E>,
  assign: (emulator: E) => void,
  resetProcessState?: () => void
): void {
  let emulator: E
  beforeAll(async () => {
    emulator = await start()
    assign(emulator)
  })
  afterAll(() => emulator.close())
  beforeEach(() => {
    emulator.reset()
    resetProcessState?.()
  })
}
