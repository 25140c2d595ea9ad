package com.northwind.shop.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the shared platform, under {@code northwind.platform}.
 *
 * @param maxRequestBody the largest request body a service accepts; larger ones are answered with 413
 */
@ConfigurationProperties("northwind.platform")
public record PlatformProperties(DataSize maxRequestBody) {

    public PlatformProperties {
        if (maxRequestBody == null) {
            maxRequestBody = DataSize.ofMegabytes(1);
        }
    }
}
