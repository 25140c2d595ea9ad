/**
 * The shared technical library: auto-configured plumbing every service gets by depending on it. It never holds
 * domain types and never imports a service package (an ArchUnit test holds it to that).
 */
@NullMarked
package com.northwind.shop.platform;

import org.jspecify.annotations.NullMarked;
