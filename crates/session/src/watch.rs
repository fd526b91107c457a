//! When the editor records unsaved edits and refreshes its lock: a pure schedule over the
//! times it is given. The shell's watch thread wakes about once a second and calls
//! [`crate::desk::Desk::tick`] with the time; the schedule says what is due.

use jobdoc_model::Timestamp;

/// Seconds between writes of unsaved edits to the recovery journal (while there are any).
pub const JOURNAL_INTERVAL_SECS: i64 = 1;
/// Seconds between lock heartbeats; a lock is stale after
/// [`jobdoc_store::lock::DEFAULT_MAX_SILENCE_SECS`] of silence, ten times as long.
pub const HEARTBEAT_INTERVAL_SECS: i64 = 60;

/// What is due at a tick.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Due {
    /// Write unsaved edits to the journal (the session writes only if there are new ones).
    pub journal: bool,
    /// Refresh the lock's heartbeat (which finds out whether the lock was taken over).
    pub heartbeat: bool,
}

/// The last time each job ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    journal: Timestamp,
    heartbeat: Timestamp,
}

impl Schedule {
    /// Counting from `start` (the editor's start): the first journal write is due a second
    /// later, the first heartbeat a minute later.
    pub fn new(start: Timestamp) -> Schedule {
        Schedule {
            journal: start,
            heartbeat: start,
        }
    }

    /// What is due at `now`, recording it as done. A clock that went back counts as due (a
    /// heartbeat held back by an hour would make the lock look abandoned to others).
    pub fn due(&mut self, now: Timestamp) -> Due {
        Due {
            journal: take(&mut self.journal, now, JOURNAL_INTERVAL_SECS),
            heartbeat: take(&mut self.heartbeat, now, HEARTBEAT_INTERVAL_SECS),
        }
    }
}

fn take(last: &mut Timestamp, now: Timestamp, interval: i64) -> bool {
    let elapsed = now.unix_seconds() - last.unix_seconds();
    let due = elapsed >= interval || elapsed < 0;
    if due {
        *last = now;
    }
    due
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> Timestamp {
        Timestamp::from_unix(1_800_000_000 + secs)
    }

    #[test]
    fn the_journal_is_due_every_second_and_the_heartbeat_every_minute() {
        let mut s = Schedule::new(at(0));
        assert_eq!(s.due(at(0)), Due::default(), "nothing at the start");
        let mut heartbeats = Vec::new();
        for t in 1..=180 {
            let due = s.due(at(t));
            assert!(due.journal, "journal due at {t}");
            if due.heartbeat {
                heartbeats.push(t);
            }
        }
        assert_eq!(heartbeats, vec![60, 120, 180]);
    }

    #[test]
    fn a_late_wake_up_catches_up_once() {
        let mut s = Schedule::new(at(0));
        // The machine slept for five minutes: one heartbeat, counted from then.
        assert_eq!(
            s.due(at(300)),
            Due {
                journal: true,
                heartbeat: true
            }
        );
        assert!(!s.due(at(301)).heartbeat);
        assert!(!s.due(at(359)).heartbeat);
        assert!(s.due(at(360)).heartbeat);
    }

    #[test]
    fn two_ticks_in_one_second_write_the_journal_once() {
        let mut s = Schedule::new(at(0));
        assert!(s.due(at(5)).journal);
        assert!(!s.due(at(5)).journal);
        assert!(s.due(at(6)).journal);
    }

    #[test]
    fn a_clock_set_back_does_not_silence_the_heartbeat() {
        let mut s = Schedule::new(at(3600));
        assert!(!s.due(at(3630)).heartbeat);
        // Someone set the clock back an hour: the heartbeat goes out at once, then every
        // minute from the new time.
        assert!(s.due(at(30)).heartbeat);
        assert!(!s.due(at(60)).heartbeat);
        assert!(s.due(at(90)).heartbeat);
    }
}
