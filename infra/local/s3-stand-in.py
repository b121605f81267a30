#!/usr/bin/env python3
"""A stand-in for an S3-compatible object store, for the documents service's S3 blob store: moto's server on
loopback with one bucket and one IAM user whose policy allows the object calls on that bucket only, then
authentication switched on, so every request must carry a valid Signature Version 4 made with that user's keys
(a wrong key or signature is refused as by AWS). When ready, writes READY (atomically) as JSON:
{"endpoint": …, "bucket": …, "region": …, "accessKeyId": …, "secretAccessKey": …}.

Usage: s3-stand-in.py --port P --ready READY [--bucket B] [--region R]"""
import argparse
import json
import os
import signal
import threading
from urllib.parse import parse_qsl

import boto3
from moto import settings
from botocore.awsrequest import AWSRequest
from moto.core.authorization import ActionAuthenticatorMixin
from moto.iam.access_control import S3IAMRequest
from moto.server import ThreadedMotoServer


def signed_request_as_sent(self):
    """moto checks a signature against a request rebuilt from the decoded URL, with the query's parameters as its
    body when the real body is empty: every signed GET with an encoded query (ListObjectsV2's prefix) is refused.
    Rebuilt here with the body as sent and the query's parameters encoded as the signer encodes them."""
    names = self._get_string_between("SignedHeaders=", ",", self._headers["Authorization"]).split(";")
    headers = self._create_headers_for_aws_request(names, self._headers)
    path, _, query = self._path.partition("?")
    request = AWSRequest(method=self._method, url=path, data=self._body or b"", headers=headers,
                         params=dict(parse_qsl(query, keep_blank_values=True)))
    request.context["timestamp"] = headers["X-Amz-Date"]
    return request


def main():
    S3IAMRequest._create_aws_request = signed_request_as_sent
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--ready", required=True)
    parser.add_argument("--bucket", default="mij-documents")
    parser.add_argument("--region", default="eu-west-3")
    args = parser.parse_args()

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=args.port)
    server.start()
    endpoint = f"http://127.0.0.1:{args.port}"
    # Set-up runs before authentication is on, with throwaway credentials.
    session = boto3.session.Session(aws_access_key_id="setup", aws_secret_access_key="setup", region_name=args.region)
    iam = session.client("iam", endpoint_url=endpoint)
    iam.create_user(UserName="documents")
    bucket_arn = f"arn:aws:s3:::{args.bucket}"
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": bucket_arn},
            {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
             "Resource": f"{bucket_arn}/*"},
        ],
    }
    iam.put_user_policy(UserName="documents", PolicyName="documents-blobs", PolicyDocument=json.dumps(policy))
    key = iam.create_access_key(UserName="documents")["AccessKey"]
    session.client("s3", endpoint_url=endpoint).create_bucket(
        Bucket=args.bucket, CreateBucketConfiguration={"LocationConstraint": args.region}
    )
    settings.INITIAL_NO_AUTH_ACTION_COUNT = 0
    ActionAuthenticatorMixin.request_count = 0

    with open(args.ready + ".part", "w") as ready:
        json.dump({
            "endpoint": endpoint, "bucket": args.bucket, "region": args.region,
            "accessKeyId": key["AccessKeyId"], "secretAccessKey": key["SecretAccessKey"],
        }, ready)
    os.replace(args.ready + ".part", args.ready)
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    signal.signal(signal.SIGINT, lambda *_: stopped.set())
    stopped.wait()
    server.stop()


if __name__ == "__main__":
    main()
