//! Serving HTTP to the public: what one client, or many, can make the attestor spend.
//!
//! `axum::serve` takes every connection, never times out a client that sends its headers one
//! byte a minute, and has no notion of a client. This loop adds, per listener:
//!
//! - **connection caps**: at most `max_connections` open at once, and `max_connections_per_ip`
//!   from one address (one client cannot take every slot); a connection over either cap is
//!   closed at once;
//! - **a header timeout**: a request's headers must arrive within `header_timeout` (hyper's own,
//!   which needs a timer that `axum::serve` does not give it), which also closes idle
//!   keep-alive connections;
//! - **a request timeout**: a request, its body included, is answered within `request_timeout`
//!   or gets `408` and its connection is closed (a slow upload cannot hold a slot for ever); the
//!   answer's body must be sent within the same time, and a connection on which nothing moves
//!   (neither read nor written, e.g. a client that stops reading a download) for that long and
//!   the header timeout is closed;
//! - **a rate limit per client**: `rate_per_second` requests a second from one address (an IPv6
//!   client by its /64), in bursts of up to `burst`, else `429` with `retry-after`
//!   (`governor`'s GCRA, the limiter substrate's own network uses).
//!
//! Each refusal is a JSON error like the API's others.

use std::{
	collections::HashMap,
	future::Future,
	io,
	net::IpAddr,
	num::NonZeroU32,
	pin::Pin,
	sync::{Arc, Mutex},
	task::{Context, Poll},
	time::Duration,
};

use axum::{
	extract::Request,
	http::{header, StatusCode},
	response::{IntoResponse, Response},
	Json, Router,
};
use futures::StreamExt;
use governor::{clock::Clock, DefaultKeyedRateLimiter, Quota, RateLimiter};
use hyper_util::{
	rt::{TokioExecutor, TokioIo, TokioTimer},
	server::conn::auto::Builder,
	service::TowerToHyperService,
};
use tokio::{
	io::{AsyncRead, AsyncWrite, ReadBuf},
	net::TcpListener,
	sync::watch,
	time::{Instant, Sleep},
};
use tower::ServiceExt;

/// What one listener allows.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
	/// Connections open at once, in all.
	pub max_connections: usize,
	/// Connections open at once from one address.
	pub max_connections_per_ip: usize,
	/// How long a request's headers may take to arrive (and a connection may idle).
	pub header_timeout: Duration,
	/// How long a whole request, body included, may take.
	pub request_timeout: Duration,
	/// Requests a second from one address; `None`: no limit.
	pub rate_per_second: Option<NonZeroU32>,
	/// The largest burst of requests from one address.
	pub burst: NonZeroU32,
}

/// The key a client is counted under: its address, an IPv6 one by its /64 (one host gets a
/// whole /64, so counting addresses would not count clients).
fn client_key(ip: IpAddr) -> IpAddr {
	match ip {
		IpAddr::V4(_) => ip,
		IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
			Some(v4) => IpAddr::V4(v4),
			None => {
				let mut segments = v6.segments();
				segments[4..].fill(0);
				IpAddr::V6(segments.into())
			},
		},
	}
}

/// Counts open connections, in all and per client.
#[derive(Default)]
struct Connections {
	total: usize,
	per_client: HashMap<IpAddr, usize>,
}

/// An open connection's place in [`Connections`], given back when it closes.
struct Slot {
	connections: Arc<Mutex<Connections>>,
	client: IpAddr,
}

impl Slot {
	fn take(
		connections: &Arc<Mutex<Connections>>,
		client: IpAddr,
		limits: &Limits,
	) -> Option<Self> {
		let mut open = connections.lock().ok()?;
		let mine = open.per_client.get(&client).copied().unwrap_or(0);
		if open.total >= limits.max_connections || mine >= limits.max_connections_per_ip {
			return None;
		}
		open.total += 1;
		open.per_client.insert(client, mine + 1);
		Some(Self { connections: connections.clone(), client })
	}
}

impl Drop for Slot {
	fn drop(&mut self) {
		if let Ok(mut open) = self.connections.lock() {
			open.total = open.total.saturating_sub(1);
			if let Some(mine) = open.per_client.get_mut(&self.client) {
				*mine = mine.saturating_sub(1);
				if *mine == 0 {
					open.per_client.remove(&self.client);
				}
			}
		}
	}
}

/// A connection that fails once nothing was read or written on it for `timeout`.
struct Idle<S> {
	inner: S,
	timeout: Duration,
	deadline: Pin<Box<Sleep>>,
}

impl<S> Idle<S> {
	fn new(inner: S, timeout: Duration) -> Self {
		Self { inner, timeout, deadline: Box::pin(tokio::time::sleep(timeout)) }
	}

	/// Something moved: the clock starts again.
	fn moved(&mut self) {
		self.deadline.as_mut().reset(Instant::now() + self.timeout);
	}

	/// Nothing moved: an error once the time is up.
	fn stalled<T>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<T>> {
		match self.deadline.as_mut().poll(cx) {
			Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
				io::ErrorKind::TimedOut,
				"nothing moved on the connection",
			))),
			Poll::Pending => Poll::Pending,
		}
	}
}

impl<S: AsyncRead + Unpin> AsyncRead for Idle<S> {
	fn poll_read(
		self: Pin<&mut Self>,
		cx: &mut Context<'_>,
		buf: &mut ReadBuf<'_>,
	) -> Poll<io::Result<()>> {
		let this = self.get_mut();
		match Pin::new(&mut this.inner).poll_read(cx, buf) {
			Poll::Ready(result) => {
				this.moved();
				Poll::Ready(result)
			},
			Poll::Pending => this.stalled(cx),
		}
	}
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Idle<S> {
	fn poll_write(
		self: Pin<&mut Self>,
		cx: &mut Context<'_>,
		buf: &[u8],
	) -> Poll<io::Result<usize>> {
		let this = self.get_mut();
		match Pin::new(&mut this.inner).poll_write(cx, buf) {
			Poll::Ready(result) => {
				this.moved();
				Poll::Ready(result)
			},
			Poll::Pending => this.stalled(cx),
		}
	}

	fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
		let this = self.get_mut();
		match Pin::new(&mut this.inner).poll_flush(cx) {
			Poll::Ready(result) => Poll::Ready(result),
			Poll::Pending => this.stalled(cx),
		}
	}

	fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
		Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
	}
}

fn refusal(status: StatusCode, message: String) -> Response {
	(status, Json(serde_json::json!({ "error": message }))).into_response()
}

/// Returns when `shutdown` turns true (or its sender is gone).
async fn stopped(shutdown: &mut watch::Receiver<bool>) {
	let _ = shutdown.wait_for(|stop| *stop).await.map(|_| ());
}

/// Serves `router` on `listener` within `limits` until `shutdown` turns true; connections in
/// flight then finish their requests.
pub async fn serve(
	listener: TcpListener,
	router: Router,
	limits: Limits,
	mut shutdown: watch::Receiver<bool>,
) {
	let connections = Arc::new(Mutex::new(Connections::default()));
	let limiter: Option<Arc<DefaultKeyedRateLimiter<IpAddr>>> =
		limits.rate_per_second.map(|rate| {
			Arc::new(RateLimiter::keyed(Quota::per_second(rate).allow_burst(limits.burst)))
		});
	if let Some(limiter) = limiter.clone() {
		// The limiter keeps a cell per client; forget those that are back to a full burst.
		tokio::spawn(async move {
			loop {
				tokio::time::sleep(Duration::from_secs(60)).await;
				limiter.retain_recent();
				limiter.shrink_to_fit();
			}
		});
	}
	let mut builder = Builder::new(TokioExecutor::new());
	builder
		.http1()
		.timer(TokioTimer::new())
		.header_read_timeout(limits.header_timeout)
		.keep_alive(true);
	let builder = Arc::new(builder);
	loop {
		let (stream, peer) = tokio::select! {
			accepted = listener.accept() => match accepted {
				Ok(accepted) => accepted,
				Err(error) => {
					// Out of file descriptors, most likely: wait rather than spin.
					tracing::warn!("accept failed: {error}");
					tokio::time::sleep(Duration::from_millis(100)).await;
					continue;
				},
			},
			() = stopped(&mut shutdown) => return,
		};
		let client = client_key(peer.ip());
		let Some(slot) = Slot::take(&connections, client, &limits) else {
			tracing::debug!("refused a connection from {peer}: over the connection cap");
			drop(stream);
			continue;
		};
		let router = router.clone();
		let limiter = limiter.clone();
		let builder = builder.clone();
		let mut shutdown = shutdown.clone();
		tokio::spawn(async move {
			let _slot = slot;
			let service = tower::service_fn(move |request: Request<hyper::body::Incoming>| {
				let router = router.clone();
				let limiter = limiter.clone();
				async move {
					if let Some(limiter) = &limiter {
						if let Err(not_until) = limiter.check_key(&client) {
							let wait = not_until
								.wait_time_from(governor::clock::DefaultClock::default().now());
							let seconds = wait.as_secs().max(1);
							let mut response = refusal(
								StatusCode::TOO_MANY_REQUESTS,
								format!(
									"too many requests from {client}: try again in {seconds} s"
								),
							);
							if let Ok(value) = seconds.to_string().parse() {
								response.headers_mut().insert(header::RETRY_AFTER, value);
							}
							return Ok::<_, std::convert::Infallible>(response);
						}
					}
					let request = request.map(axum::body::Body::new);
					let deadline = Instant::now() + limits.request_timeout;
					match tokio::time::timeout_at(deadline, router.oneshot(request)).await {
						Ok(Ok(response)) => {
							// The answer's body is sent within the same time: a download
							// stops there (and its connection closes).
							let small = http_body::Body::size_hint(response.body())
								.exact()
								.is_some_and(|size| size <= 64 * 1024);
							if small {
								return Ok(response);
							}
							let (parts, body) = response.into_parts();
							let body = body
								.into_data_stream()
								.take_until(tokio::time::sleep_until(deadline));
							Ok(Response::from_parts(parts, axum::body::Body::from_stream(body)))
						},
						Ok(Err(never)) => match never {},
						Err(_) => {
							let mut response = refusal(
								StatusCode::REQUEST_TIMEOUT,
								format!(
									"the request took longer than {} s",
									limits.request_timeout.as_secs()
								),
							);
							response.headers_mut().insert(
								header::CONNECTION,
								header::HeaderValue::from_static("close"),
							);
							Ok(response)
						},
					}
				}
			});
			// Longer than a request may take, so that a slow request gets its 408 first.
			let stream =
				Idle::new(stream, limits.request_timeout.saturating_add(limits.header_timeout));
			let connection =
				builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
			tokio::pin!(connection);
			tokio::select! {
				result = connection.as_mut() => {
					if let Err(error) = result {
						tracing::debug!("connection from {peer}: {error}");
					}
				},
				() = stopped(&mut shutdown) => {
					connection.as_mut().graceful_shutdown();
					let _ = connection.await;
				},
			}
		});
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[tokio::test]
	async fn a_connection_on_which_nothing_moves_fails_and_one_that_moves_does_not() {
		use tokio::io::{AsyncReadExt, AsyncWriteExt};
		// A client that stops reading: the server's writes fill the pipe, then time out.
		let (server, _client) = tokio::io::duplex(1024);
		let mut idle = Idle::new(server, Duration::from_millis(200));
		let started = std::time::Instant::now();
		let mut written = 0usize;
		let error = loop {
			match idle.write(&[0u8; 256]).await {
				Ok(n) => written += n,
				Err(error) => break error,
			}
		};
		assert_eq!(error.kind(), io::ErrorKind::TimedOut);
		assert_eq!(written, 1024, "the pipe filled, then nothing moved");
		assert!(started.elapsed() >= Duration::from_millis(200));

		// A client that keeps sending, slowly but within the timeout each time, is not cut.
		let (server, mut client) = tokio::io::duplex(1024);
		let mut idle = Idle::new(server, Duration::from_millis(200));
		tokio::spawn(async move {
			for _ in 0..5 {
				tokio::time::sleep(Duration::from_millis(100)).await;
				let _ = client.write_all(b"x").await;
			}
		});
		let mut got = [0u8; 5];
		idle.read_exact(&mut got).await.unwrap();
		assert_eq!(&got, b"xxxxx");
	}

	#[test]
	fn ipv6_clients_are_counted_by_their_64() {
		let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
		let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().unwrap();
		let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
		assert_eq!(client_key(a), client_key(b));
		assert_ne!(client_key(a), client_key(c));
		let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
		assert_eq!(client_key(mapped), "192.0.2.7".parse::<IpAddr>().unwrap());
	}

	#[test]
	fn connection_slots_are_capped_in_all_and_per_client_and_given_back() {
		let limits = Limits {
			max_connections: 3,
			max_connections_per_ip: 2,
			header_timeout: Duration::from_secs(1),
			request_timeout: Duration::from_secs(1),
			rate_per_second: None,
			burst: NonZeroU32::MIN,
		};
		let open = Arc::new(Mutex::new(Connections::default()));
		let (a, b): (IpAddr, IpAddr) = ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap());
		let first = Slot::take(&open, a, &limits).unwrap();
		let _second = Slot::take(&open, a, &limits).unwrap();
		assert!(Slot::take(&open, a, &limits).is_none(), "a third from one client");
		let _third = Slot::take(&open, b, &limits).unwrap();
		assert!(Slot::take(&open, b, &limits).is_none(), "a fourth in all");
		drop(first);
		assert!(Slot::take(&open, a, &limits).is_some(), "a closed connection's slot is free");
	}
}
