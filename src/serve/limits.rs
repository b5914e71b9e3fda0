//! What keeps `geokg serve` standing under load and abuse: a gate that lets a fixed number of
//! queries run with a bounded queue behind them, and a constant-time token comparison.

use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// At most `max` holders at once, at most `queue` waiting; a caller beyond is turned away.
#[derive(Debug)]
pub struct Gate {
    max: usize,
    queue: usize,
    /// (running, waiting)
    state: Mutex<(usize, usize)>,
    freed: Condvar,
}

/// Why a [`Gate`] turned a caller away.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Every slot was taken and the queue was full.
    QueueFull,
    /// The caller waited in the queue for the whole wait without getting a slot.
    WaitedOut,
}

/// A slot of a [`Gate`], given back when dropped.
#[derive(Debug)]
pub struct Permit<'a> {
    gate: &'a Gate,
}

impl Gate {
    /// A gate for `max` holders (at least 1) and `queue` waiters.
    pub fn new(max: usize, queue: usize) -> Gate {
        Gate {
            max: max.max(1),
            queue,
            state: Mutex::new((0, 0)),
            freed: Condvar::new(),
        }
    }

    /// Takes a slot: at once when one is free, else after waiting in the queue for at most
    /// `wait`; turned away when the queue is full or the wait ran out.
    pub fn acquire(&self, wait: Duration) -> Result<Permit<'_>, Refusal> {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if s.0 < self.max {
            s.0 += 1;
            return Ok(Permit { gate: self });
        }
        if s.1 >= self.queue {
            return Err(Refusal::QueueFull);
        }
        s.1 += 1;
        let deadline = Instant::now() + wait;
        loop {
            let now = Instant::now();
            if s.0 < self.max {
                s.1 -= 1;
                s.0 += 1;
                return Ok(Permit { gate: self });
            }
            if now >= deadline {
                s.1 -= 1;
                return Err(Refusal::WaitedOut);
            }
            s = self
                .freed
                .wait_timeout(s, deadline - now)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }

    /// (running, waiting) right now.
    pub fn load(&self) -> (usize, usize) {
        *self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut s = self.gate.state.lock().unwrap_or_else(|p| p.into_inner());
        s.0 -= 1;
        self.gate.freed.notify_one();
    }
}

/// Whether `a == b`, in a time that depends only on the lengths, not on where they differ
/// (so a token cannot be guessed byte by byte from response times).
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let n = a.len().max(b.len());
    let mut diff = a.len() ^ b.len();
    for i in 0..n {
        let x = a.get(i).copied().unwrap_or(0);
        let y = b.get(i).copied().unwrap_or(0);
        diff |= usize::from(std::hint::black_box(x ^ y));
    }
    std::hint::black_box(diff) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn tokens_compare_by_value() {
        assert!(constant_time_eq(b"secret-token", b"secret-token"));
        assert!(!constant_time_eq(b"secret-token", b"secret-tokem"));
        assert!(!constant_time_eq(b"secret-token", b"secret-token2"));
        assert!(!constant_time_eq(b"", b"x"));
        assert!(constant_time_eq(b"", b""));
        // a prefix padded with NULs is not the token
        assert!(!constant_time_eq(b"ab\0", b"ab"));
    }

    #[test]
    fn the_gate_queues_then_refuses() {
        let gate = Arc::new(Gate::new(1, 1));
        let first = gate.acquire(Duration::ZERO).expect("a free slot");
        assert_eq!(gate.acquire(Duration::ZERO).err(), Some(Refusal::WaitedOut));
        assert_eq!(gate.load(), (1, 0));
        // no queue room left once one waits
        let g = Arc::clone(&gate);
        let waiter = std::thread::spawn(move || g.acquire(Duration::from_secs(20)).is_ok());
        while gate.load().1 == 0 {
            std::thread::yield_now();
        }
        assert_eq!(
            gate.acquire(Duration::from_secs(5)).err(),
            Some(Refusal::QueueFull)
        );
        drop(first);
        assert!(waiter.join().unwrap(), "the waiter got the freed slot");
        assert_eq!(gate.load(), (0, 0));
        // a wait that runs out
        let held = gate.acquire(Duration::ZERO).unwrap();
        assert_eq!(
            gate.acquire(Duration::from_millis(50)).err(),
            Some(Refusal::WaitedOut)
        );
        drop(held);
        assert!(gate.acquire(Duration::ZERO).is_ok());
    }
}
