<?php
/*
 * hearsay_loopback - a local plugin of the test server only (installed in
 * its own copy of Tiny Tiny RSS, under plugins.local/), never shipped to
 * users: it lets the server fetch the feeds of the test's loopback server.
 *
 * Tiny Tiny RSS refuses to fetch 127.* addresses and ports other than 80
 * and 443 ("Requested URL failed extended validation"), and keeps a feed's
 * URL without its port.  The test's feeds are all under
 * http://127.0.0.1/ as the server stores them; this plugin fetches those
 * from HEARSAY_TEST_FEEDS (the loopback server's base URL, a define of
 * the test's config.php) instead, when subscribing, when the server
 * reads a new feed's title and when updating.
 * Every other URL is left to the server's own fetcher.
 */
class Hearsay_Loopback extends Plugin {
	function about() {
		return array(1.0, "Fetch the hearsay test's loopback feeds",
		    "hearsay tests", true);
	}

	function init($host) {
		$host->add_hook($host::HOOK_FETCH_FEED, $this);
		$host->add_hook($host::HOOK_SUBSCRIBE_FEED, $this);
		$host->add_hook($host::HOOK_FEED_BASIC_INFO, $this);
	}

	/* The loopback URL a stored test feed URL stands for, or false. */
	private function loopback_url($url) {
		$prefix = "http://127.0.0.1/";

		if (!defined('HEARSAY_TEST_FEEDS') ||
		    strpos($url, $prefix) !== 0)
			return false;
		return HEARSAY_TEST_FEEDS . "/" . substr($url, strlen($prefix));
	}

	/* The body at a loopback URL, or false. */
	private function fetch($url) {
		$ctx = stream_context_create(array("http" =>
		    array("timeout" => 30, "ignore_errors" => false)));

		return @file_get_contents($url, false, $ctx);
	}

	function hook_fetch_feed($feed_data, $fetch_url, $owner_uid, $feed,
	    $last_article_timestamp, $auth_login, $auth_pass) {
		$url = $this->loopback_url($fetch_url);

		if ($feed_data || $url === false)
			return $feed_data;
		$body = $this->fetch($url);
		return $body === false ? $feed_data : $body;
	}

	function hook_subscribe_feed($contents, $url, $auth_login, $auth_pass) {
		$real = $this->loopback_url($url);

		if ($contents || $real === false)
			return $contents;
		$body = $this->fetch($real);
		return $body === false ? $contents : $body;
	}

	function hook_feed_basic_info($basic_info, $fetch_url, $owner_uid,
	    $feed, $auth_login, $auth_pass) {
		$url = $this->loopback_url($fetch_url);
		$body = $url === false || $basic_info ? false : $this->fetch($url);

		if ($body === false || trim($body) === "")
			return $basic_info;
		$rss = new FeedParser(trim($body));
		$rss->init();
		if ($rss->error())
			return $basic_info;
		return array("title" => mb_substr(clean($rss->get_title()), 0, 199),
		    "site_url" => mb_substr(clean($rss->get_link()), 0, 245));
	}

	function api_version() {
		return 2;
	}
}
