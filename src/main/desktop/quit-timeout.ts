// Quitting waits for the runtime to finish its writes, but never longer than `ms`.
export async function settleWithin(work: Promise<unknown>, ms: number): Promise<'done' | 'timed-out'> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<'timed-out'>((done) => {
    timer = setTimeout(() => done('timed-out'), ms)
  })
  try {
    return await Promise.race([
      work.then(
        () => 'done' as const,
        () => 'done' as const
      ),
      timeout
    ])
  } finally {
    clearTimeout(timer)
  }
}
