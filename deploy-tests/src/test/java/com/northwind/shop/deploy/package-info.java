/**
 * Checks of the deployment files (docker-compose.yml, k8s/) that need no cluster and no Docker engine: rendering,
 * API/specification schemas, and the promises docs/deployment.md makes about them.
 */
@NullMarked
package com.northwind.shop.deploy;

import org.jspecify.annotations.NullMarked;
