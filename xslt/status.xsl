<?xml version="1.0" encoding="UTF-8"?>
<!-- The operator admin's status page: one row per check of this
     installation, with its state (ok, warning, off), what was found and
     a line saying what that means. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="'nav.status'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <table class="status">
      <thead>
        <tr>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'system.check'"/></xsl:call-template></th>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'system.state'"/></xsl:call-template></th>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'system.found'"/></xsl:call-template></th>
        </tr>
      </thead>
      <tbody>
        <xsl:apply-templates select="status/check"/>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="check">
    <tr class="check-{@name}">
      <th scope="row"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('system.name.', @name)"/></xsl:call-template></th>
      <td>
        <span class="badge state-{@status}">
          <xsl:call-template name="t"><xsl:with-param name="k" select="concat('system.state.', @status)"/></xsl:call-template>
        </span>
      </td>
      <td>
        <xsl:apply-templates select="." mode="found"/>
        <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('system.why.', @name, '.', @status)"/></xsl:call-template></p>
      </td>
    </tr>
  </xsl:template>

  <xsl:template match="check" mode="found">
    <xsl:if test="version"><p><xsl:value-of select="version"/></p></xsl:if>
    <xsl:if test="path"><p><code><xsl:value-of select="path"/></code></p></xsl:if>
    <xsl:if test="@free">
      <p>
        <xsl:call-template name="size"><xsl:with-param name="bytes" select="@free"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'system.free_of'"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <xsl:call-template name="size"><xsl:with-param name="bytes" select="@size"/></xsl:call-template>
      </p>
    </xsl:if>
    <xsl:if test="@writable = 'no'">
      <p><xsl:call-template name="t"><xsl:with-param name="k" select="'system.not_writable'"/></xsl:call-template></p>
    </xsl:if>
  </xsl:template>

  <xsl:template match="check[@name = 'outbox']" mode="found">
    <p>
      <xsl:call-template name="t"><xsl:with-param name="k" select="'system.waiting'"/></xsl:call-template>
      <xsl:value-of select="concat(' ', @waiting, ' · ')"/>
      <xsl:call-template name="t"><xsl:with-param name="k" select="'system.failed'"/></xsl:call-template>
      <xsl:value-of select="concat(' ', @failed)"/>
    </p>
  </xsl:template>

  <xsl:template match="check[@name = 'file_limits']" mode="found">
    <p>
      <xsl:call-template name="t"><xsl:with-param name="k" select="'system.per_file'"/></xsl:call-template>
      <xsl:text> </xsl:text>
      <xsl:call-template name="size"><xsl:with-param name="bytes" select="@file"/></xsl:call-template>
      <xsl:text> · </xsl:text>
      <xsl:call-template name="t"><xsl:with-param name="k" select="'system.per_request'"/></xsl:call-template>
      <xsl:text> </xsl:text>
      <xsl:call-template name="size"><xsl:with-param name="bytes" select="@upload"/></xsl:call-template>
    </p>
  </xsl:template>

  <xsl:template match="check[@name = 'tls']" mode="found">
    <p><xsl:call-template name="t"><xsl:with-param name="k" select="concat('system.via.', @via)"/></xsl:call-template></p>
  </xsl:template>

  <xsl:template name="size">
    <xsl:param name="bytes"/>
    <xsl:choose>
      <xsl:when test="$bytes &gt;= 1073741824"><xsl:value-of select="concat(format-number($bytes div 1073741824, '0.0'), ' GB')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat(format-number($bytes div 1048576, '0.0'), ' MB')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
