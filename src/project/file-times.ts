/**
 * How long after a file's last modification its size and time may be
 * trusted to stand for its bytes. File times have a coarse granularity, so a
 * file written twice in quick succession could otherwise keep its time and
 * size with new bytes: a value remembered from a file (a hash, a copy in the
 * site) is trusted again only if the file was last modified this long before.
 */
export const racyWindowMs = 2000;
